interface ToolCallDraft {
  id: string | undefined;
  type: string;
  function: { name: string; arguments: string };
}

/** A choice being rebuilt: the output object itself, and its tool calls by index. */
interface ChoiceDraft {
  choice: { index: number; text?: string; message?: Record<string, unknown>; finish_reason: string | null };
  message: Record<string, unknown> & { role: string; content: string | null; refusal?: string };
  toolCalls: Map<number, ToolCallDraft>;
}

const byKey = ([a]: [number, unknown], [b]: [number, unknown]) => a - b;

/**
 * Rebuilds the body a chat (`chat.completion`) or legacy completion
 * (`text_completion`) call would have returned, from its stream, in one pass:
 * the first id and creation time, the last model (and, for chat, fingerprint
 * and service tier), usage when the stream carried it, and per choice index
 * its text or message content and refusal concatenated, tool calls assembled
 * from their deltas by index, and the last finish reason. Runs once, when
 * the stream ends.
 */
function rebuild(chunks: readonly unknown[], object: "chat.completion" | "text_completion"): Record<string, unknown> {
  const chat = object === "chat.completion";
  const out: Record<string, unknown> = { id: undefined, object, created: undefined, model: undefined, choices: [] };
  const drafts = new Map<number, ChoiceDraft>();
  let usage: unknown;
  for (const raw of chunks) {
    if (!raw || typeof raw !== "object") continue;
    const chunk = raw as Record<string, unknown>;
    out.id ??= chunk.id;
    out.created ??= chunk.created;
    if (chunk.model !== undefined) out.model = chunk.model;
    if (chat && chunk.system_fingerprint != null) out.system_fingerprint = chunk.system_fingerprint;
    if (chat && chunk.service_tier != null) out.service_tier = chunk.service_tier;
    if (chunk.usage != null) usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Array<Record<string, unknown>>) {
      const index = typeof c.index === "number" ? c.index : 0;
      let draft = drafts.get(index);
      if (!draft) {
        const message = { role: "assistant", content: null };
        draft = { message, toolCalls: new Map(), choice: chat ? { index, message, finish_reason: null } : { index, text: "", finish_reason: null } };
        drafts.set(index, draft);
      }
      const { choice, message } = draft;
      if (!chat && typeof c.text === "string") choice.text += c.text;
      const delta = (c.delta ?? {}) as Record<string, unknown>;
      if (typeof delta.role === "string") message.role = delta.role;
      if (typeof delta.content === "string") message.content = (message.content ?? "") + delta.content;
      if (typeof delta.refusal === "string") message.refusal = (message.refusal ?? "") + delta.refusal;
      if (Array.isArray(delta.tool_calls)) {
        for (const tc of delta.tool_calls as Array<Record<string, unknown>>) {
          const tIndex = typeof tc.index === "number" ? tc.index : draft.toolCalls.size;
          let call = draft.toolCalls.get(tIndex);
          if (!call) {
            call = { id: undefined, type: "function", function: { name: "", arguments: "" } };
            draft.toolCalls.set(tIndex, call);
          }
          if (typeof tc.id === "string") call.id = tc.id;
          if (typeof tc.type === "string") call.type = tc.type;
          const fn = tc.function as { name?: unknown; arguments?: unknown } | undefined;
          if (typeof fn?.name === "string") call.function.name += fn.name;
          if (typeof fn?.arguments === "string") call.function.arguments += fn.arguments;
        }
      }
      if (typeof c.finish_reason === "string") choice.finish_reason = c.finish_reason;
    }
  }
  out.choices = [...drafts].sort(byKey).map(([, { choice, message, toolCalls }]) => {
    if (toolCalls.size) message.tool_calls = [...toolCalls].sort(byKey).map(([, call]) => call);
    return choice;
  });
  if (usage !== undefined) out.usage = usage;
  return out;
}

/**
 * Rebuilds a `chat.completion` from the chunks of a chat stream: content
 * concatenated per choice, tool calls assembled from their deltas by index,
 * the last finish reason, and usage when the stream carried it.
 */
export function chatStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  return rebuild(chunks, "chat.completion");
}

/**
 * Rebuilds a legacy `text_completion` from its stream: text concatenated
 * per choice, the last finish reason, and usage when present.
 */
export function completionStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  return rebuild(chunks, "text_completion");
}
