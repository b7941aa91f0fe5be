interface ToolCallDraft {
  index: number;
  id?: string;
  type: string;
  function: { name: string; arguments: string[] };
}

interface ChoiceDraft {
  index: number;
  role: string;
  /** Chat `delta.content` or completion `text` pieces. */
  content: string[];
  refusal: string[];
  toolCalls: Map<number, ToolCallDraft>;
  finishReason: string | null;
}

/** What the chunks of a chat or completion stream add up to, before shaping. */
interface Collected {
  head: { id: unknown; created: unknown; model: unknown; fingerprint: unknown; serviceTier: unknown; usage: unknown };
  /** By index, ascending. */
  choices: ChoiceDraft[];
}

const byIndex = (a: { index: number }, b: { index: number }) => a.index - b.index;

/**
 * One pass over the chunks of a chat or legacy completion stream: the first
 * id and creation time, the last model, fingerprint, service tier and usage,
 * and per choice index its content (chat `delta.content`, completion `text`),
 * refusal, tool calls assembled from their deltas by index, and last finish
 * reason. Runs once, when the stream ends.
 */
function collect(chunks: readonly unknown[]): Collected {
  const choices = new Map<number, ChoiceDraft>();
  const head: Collected["head"] = { id: undefined, created: undefined, model: undefined, fingerprint: undefined, serviceTier: undefined, usage: undefined };
  for (const raw of chunks) {
    if (!raw || typeof raw !== "object") continue;
    const chunk = raw as Record<string, unknown>;
    head.id ??= chunk.id;
    head.created ??= chunk.created;
    if (chunk.model !== undefined) head.model = chunk.model;
    if (chunk.system_fingerprint != null) head.fingerprint = chunk.system_fingerprint;
    if (chunk.service_tier != null) head.serviceTier = chunk.service_tier;
    if (chunk.usage != null) head.usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Array<Record<string, unknown>>) {
      const index = typeof c.index === "number" ? c.index : 0;
      let draft = choices.get(index);
      if (!draft) {
        draft = { index, role: "assistant", content: [], refusal: [], toolCalls: new Map(), finishReason: null };
        choices.set(index, draft);
      }
      if (typeof c.text === "string") draft.content.push(c.text);
      const delta = (c.delta ?? {}) as Record<string, unknown>;
      if (typeof delta.role === "string") draft.role = delta.role;
      if (typeof delta.content === "string") draft.content.push(delta.content);
      if (typeof delta.refusal === "string") draft.refusal.push(delta.refusal);
      if (Array.isArray(delta.tool_calls)) {
        for (const tc of delta.tool_calls as Array<Record<string, unknown>>) {
          const tIndex = typeof tc.index === "number" ? tc.index : draft.toolCalls.size;
          let call = draft.toolCalls.get(tIndex);
          if (!call) {
            call = { index: tIndex, type: "function", function: { name: "", arguments: [] } };
            draft.toolCalls.set(tIndex, call);
          }
          if (typeof tc.id === "string") call.id = tc.id;
          if (typeof tc.type === "string") call.type = tc.type;
          const fn = tc.function as { name?: unknown; arguments?: unknown } | undefined;
          if (typeof fn?.name === "string") call.function.name += fn.name;
          if (typeof fn?.arguments === "string") call.function.arguments.push(fn.arguments);
        }
      }
      if (typeof c.finish_reason === "string") draft.finishReason = c.finish_reason;
    }
  }
  return { head, choices: [...choices.values()].sort(byIndex) };
}

/**
 * Rebuilds a `chat.completion` from the chunks of a chat stream: content
 * concatenated per choice, tool calls assembled from their deltas by index,
 * the last finish reason, and usage when the stream carried it.
 */
export function chatStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  const { head, choices } = collect(chunks);
  const out: Record<string, unknown> = {
    id: head.id,
    object: "chat.completion",
    created: head.created,
    model: head.model,
    choices: choices.map((d) => {
      const message: Record<string, unknown> = { role: d.role, content: d.content.length ? d.content.join("") : null };
      if (d.refusal.length) message.refusal = d.refusal.join("");
      if (d.toolCalls.size) {
        message.tool_calls = [...d.toolCalls.values()]
          .sort(byIndex)
          .map((t) => ({ id: t.id, type: t.type, function: { name: t.function.name, arguments: t.function.arguments.join("") } }));
      }
      return { index: d.index, message, finish_reason: d.finishReason };
    }),
  };
  if (head.fingerprint !== undefined) out.system_fingerprint = head.fingerprint;
  if (head.serviceTier !== undefined) out.service_tier = head.serviceTier;
  if (head.usage !== undefined) out.usage = head.usage;
  return out;
}

/**
 * Rebuilds a legacy `text_completion` from its stream: text concatenated
 * per choice, the last finish reason, and usage when present.
 */
export function completionStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  const { head, choices } = collect(chunks);
  const out: Record<string, unknown> = {
    id: head.id,
    object: "text_completion",
    created: head.created,
    model: head.model,
    choices: choices.map((d) => ({ index: d.index, text: d.content.join(""), finish_reason: d.finishReason })),
  };
  if (head.usage !== undefined) out.usage = head.usage;
  return out;
}
