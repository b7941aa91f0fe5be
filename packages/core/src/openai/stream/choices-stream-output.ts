interface ToolCallDraft {
  index: number;
  id?: string;
  type: string;
  function: { name: string; arguments: string[] };
}

interface ChoiceDraft {
  index: number;
  role: string;
  content: string[];
  refusal: string[];
  toolCalls: Map<number, ToolCallDraft>;
  finishReason: string | null;
}

/**
 * Rebuilds a `chat.completion` from the chunks of a chat stream: content
 * concatenated per choice, tool calls assembled from their deltas by index,
 * the last finish reason, and usage when the stream carried it. Runs once,
 * when the stream ends.
 */
export function chatStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  const choices = new Map<number, ChoiceDraft>();
  let id: unknown;
  let model: unknown;
  let created: unknown;
  let fingerprint: unknown;
  let serviceTier: unknown;
  let usage: unknown;
  for (const raw of chunks) {
    if (!raw || typeof raw !== "object") continue;
    const chunk = raw as Record<string, unknown>;
    id ??= chunk.id;
    created ??= chunk.created;
    if (chunk.model !== undefined) model = chunk.model;
    if (chunk.system_fingerprint != null) fingerprint = chunk.system_fingerprint;
    if (chunk.service_tier != null) serviceTier = chunk.service_tier;
    if (chunk.usage != null) usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Array<Record<string, unknown>>) {
      const index = typeof c.index === "number" ? c.index : 0;
      let draft = choices.get(index);
      if (!draft) {
        draft = { index, role: "assistant", content: [], refusal: [], toolCalls: new Map(), finishReason: null };
        choices.set(index, draft);
      }
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
  const out: Record<string, unknown> = {
    id,
    object: "chat.completion",
    created,
    model,
    choices: [...choices.values()]
      .sort((a, b) => a.index - b.index)
      .map((d) => {
        const message: Record<string, unknown> = { role: d.role, content: d.content.length ? d.content.join("") : null };
        if (d.refusal.length) message.refusal = d.refusal.join("");
        if (d.toolCalls.size) {
          message.tool_calls = [...d.toolCalls.values()]
            .sort((a, b) => a.index - b.index)
            .map((t) => ({ id: t.id, type: t.type, function: { name: t.function.name, arguments: t.function.arguments.join("") } }));
        }
        return { index: d.index, message, finish_reason: d.finishReason };
      }),
  };
  if (fingerprint !== undefined) out.system_fingerprint = fingerprint;
  if (serviceTier !== undefined) out.service_tier = serviceTier;
  if (usage !== undefined) out.usage = usage;
  return out;
}
