interface ToolCall {
  id: string | undefined;
  type: string;
  function: { name: string; arguments: string };
}

interface Message {
  role: string;
  content: string | null;
  refusal?: string;
  /** A sparse array by index while the stream is read; a dense one in the output. */
  tool_calls?: ToolCall[];
}

/** A choice of the output: `message` for chat, `text` for a legacy completion. */
interface Choice {
  index: number;
  message?: Message;
  text?: string;
  finish_reason: string | null;
}

type Item = Record<string, unknown>;

/**
 * Rebuilds the body a chat (`chat.completion`, when `chat`) or legacy
 * completion (`text_completion`) call would have returned, from its stream,
 * in one pass: the first id and creation time, the last model (and, for chat,
 * fingerprint and service tier), usage when the stream carried it, and per choice index
 * its text or message content and refusal concatenated, tool calls assembled
 * from their deltas by index, and the last finish reason. Runs once, when
 * the stream ends. @internal
 */
export function choicesStreamOutput(chunks: readonly unknown[], chat: boolean): Item {
  const out: Item = { id: undefined, object: chat ? "chat.completion" : "text_completion", created: undefined, model: undefined, choices: [] };
  // By index: sparse arrays, whose Object.values() come in index order.
  const choices: Choice[] = [];
  for (const raw of chunks) {
    if (!raw || typeof raw !== "object") continue;
    const chunk = raw as Item;
    out.id ??= chunk.id;
    out.created ??= chunk.created;
    if (chunk.model !== undefined) out.model = chunk.model;
    if (chat && chunk.system_fingerprint != null) out.system_fingerprint = chunk.system_fingerprint;
    if (chat && chunk.service_tier != null) out.service_tier = chunk.service_tier;
    if (chunk.usage != null) out.usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Item[]) {
      const index = typeof c.index === "number" ? c.index : 0;
      const choice = (choices[index] ??= chat ? { index, message: { role: "assistant", content: null }, finish_reason: null } : { index, text: "", finish_reason: null });
      if (typeof c.finish_reason === "string") choice.finish_reason = c.finish_reason;
      if (!chat) {
        if (typeof c.text === "string") choice.text += c.text;
        continue;
      }
      const message = choice.message!;
      const delta = (c.delta ?? {}) as Item;
      if (typeof delta.role === "string") message.role = delta.role;
      if (typeof delta.content === "string") message.content = (message.content ?? "") + delta.content;
      if (typeof delta.refusal === "string") message.refusal = (message.refusal ?? "") + delta.refusal;
      if (!Array.isArray(delta.tool_calls)) continue;
      const calls = (message.tool_calls ??= []);
      for (const tc of delta.tool_calls as Item[]) {
        const call = (calls[typeof tc.index === "number" ? tc.index : calls.length] ??= { id: undefined, type: "function", function: { name: "", arguments: "" } });
        if (typeof tc.id === "string") call.id = tc.id;
        if (typeof tc.type === "string") call.type = tc.type;
        const fn = tc.function as Item | undefined;
        if (typeof fn?.name === "string") call.function.name += fn.name;
        if (typeof fn?.arguments === "string") call.function.arguments += fn.arguments;
      }
    }
  }
  out.choices = Object.values(choices);
  for (const { message } of out.choices as Choice[]) if (message?.tool_calls) message.tool_calls = Object.values(message.tool_calls);
  return out;
}
