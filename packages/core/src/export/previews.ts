/** MLflow caps request/response previews at 1000 characters. */
export const PREVIEW_MAX_LENGTH = 1000;

type Json = unknown;

function textOf(content: Json): string | undefined {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    const parts = content
      .map((p) => (typeof p === "string" ? p : p && typeof p === "object" && typeof (p as { text?: unknown }).text === "string" ? (p as { text: string }).text : ""))
      .filter(Boolean);
    return parts.length ? parts.join("\n") : undefined;
  }
  return undefined;
}

function lastMessageText(messages: Json, role: string): string | undefined {
  if (!Array.isArray(messages)) return undefined;
  for (let i = messages.length - 1; i >= 0; i--) {
    const m = messages[i] as { role?: unknown; content?: unknown } | undefined;
    if (m && m.role === role) return textOf(m.content);
  }
  return undefined;
}

/** Finds a chat-shaped payload's user text, looking one level into named arguments. */
function requestText(value: Json, depth = 0): string | undefined {
  if (!value || typeof value !== "object" || depth > 1) return undefined;
  const v = value as Record<string, unknown>;
  const fromMessages = lastMessageText(v.messages, "user");
  if (fromMessages !== undefined) return fromMessages;
  if (typeof v.input === "string") return v.input;
  const fromInput = lastMessageText(v.input, "user");
  if (fromInput !== undefined) return fromInput;
  if (typeof v.prompt === "string") return v.prompt;
  for (const key of Object.keys(v)) {
    const nested = requestText(v[key], depth + 1);
    if (nested !== undefined) return nested;
  }
  return undefined;
}

function responseText(value: Json): string | undefined {
  if (typeof value === "string") return value;
  if (!value || typeof value !== "object") return undefined;
  const v = value as Record<string, unknown>;
  const choice = Array.isArray(v.choices) ? (v.choices[0] as Record<string, unknown> | undefined) : undefined;
  if (choice) {
    const message = choice.message as { content?: unknown } | undefined;
    const text = textOf(message?.content) ?? (typeof choice.text === "string" ? choice.text : undefined);
    if (text) return text;
  }
  if (typeof v.output_text === "string" && v.output_text) return v.output_text;
  const fromMessages = lastMessageText(v.messages, "assistant");
  if (fromMessages !== undefined) return fromMessages;
  return undefined;
}

function cap(text: string): string {
  return text.length > PREVIEW_MAX_LENGTH ? text.slice(0, PREVIEW_MAX_LENGTH) : text;
}

function parse(json: string | undefined): { ok: boolean; value: Json } {
  if (json === undefined) return { ok: false, value: undefined };
  try {
    return { ok: true, value: JSON.parse(json) };
  } catch {
    return { ok: false, value: undefined };
  }
}

/**
 * The trace's request preview: the last user message of a chat-shaped root
 * input, else the root inputs' JSON, capped at 1000 characters.
 */
export function requestPreview(inputsJson: string | undefined): string {
  if (inputsJson === undefined) return "";
  const { ok, value } = parse(inputsJson);
  return cap((ok && requestText(value)) || inputsJson);
}

/**
 * The trace's response preview: the assistant text of a chat-shaped root
 * output, a plain string output as is, else the outputs' JSON, capped.
 */
export function responsePreview(outputsJson: string | undefined): string {
  if (outputsJson === undefined) return "";
  const { ok, value } = parse(outputsJson);
  return cap((ok && responseText(value)) || outputsJson);
}
