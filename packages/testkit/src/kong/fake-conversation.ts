import { countTokens, textOfContent, tokenPieces } from "./fake-text";

/** What the fake upstream reads from a request's conversation. */
export interface Conversation {
  /** Prompt token count: words over every message (and instructions). */
  promptTokens: number;
  /** Role of the last message (`user`, `assistant`, `tool`, ...), if any. */
  lastRole: string | undefined;
  /** Text of the last message, whatever its role. */
  lastText: string;
  /** Text of the last message with role `user` (`""` when none). */
  lastUserText: string;
}

/** Reads Chat Completions `messages`. */
export function readChatMessages(messages: unknown): Conversation {
  const list = Array.isArray(messages) ? (messages as unknown[]) : [];
  let promptTokens = 0;
  let lastRole: string | undefined;
  let lastText = "";
  let lastUserText = "";
  for (const message of list) {
    const m = (message ?? {}) as { role?: unknown; content?: unknown };
    const text = textOfContent(m.content);
    promptTokens += countTokens(text);
    lastRole = typeof m.role === "string" ? m.role : undefined;
    lastText = text;
    if (lastRole === "user") lastUserText = text;
  }
  return { promptTokens, lastRole, lastText, lastUserText };
}

/** Reads Responses API `input` (a string or a list of items) and `instructions`. */
export function readResponsesInput(input: unknown, instructions: unknown): Conversation {
  let promptTokens = typeof instructions === "string" ? countTokens(instructions) : 0;
  if (typeof input === "string") {
    return { promptTokens: promptTokens + countTokens(input), lastRole: "user", lastText: input, lastUserText: input };
  }
  let lastRole: string | undefined;
  let lastText = "";
  let lastUserText = "";
  for (const item of Array.isArray(input) ? (input as unknown[]) : []) {
    const it = (item ?? {}) as { type?: unknown; role?: unknown; content?: unknown; output?: unknown; arguments?: unknown };
    let role: string | undefined;
    let text: string;
    if (it.type === "function_call_output") {
      role = "tool";
      text = typeof it.output === "string" ? it.output : textOfContent(it.output);
    } else if (it.type === "function_call") {
      role = "assistant";
      text = typeof it.arguments === "string" ? it.arguments : "";
    } else {
      role = typeof it.role === "string" ? it.role : undefined;
      text = textOfContent(it.content);
    }
    promptTokens += countTokens(text);
    lastRole = role;
    lastText = text;
    if (role === "user") lastUserText = text;
  }
  return { promptTokens, lastRole, lastText, lastUserText };
}

/** The deterministic reply text and how it ends. */
export interface ReplyPlan {
  /** The reply split into stream pieces, one token each (see {@link tokenPieces}). */
  pieces: string[];
  /** The full reply, `pieces.join("")`. */
  text: string;
  /** `length` when `maxTokens` cut the reply short, else `stop`. */
  finishReason: "stop" | "length";
}

/**
 * The fake upstream's reply: `"Tool result: <content>"` when the conversation
 * ends with a tool result, otherwise `"Echo: <last user message>"`. With a
 * positive `maxTokens` the reply is cut to that many tokens (words) and
 * finishes with `length`.
 */
export function planReply(conversation: Conversation, maxTokens?: number): ReplyPlan {
  const full =
    conversation.lastRole === "tool" ? `Tool result: ${conversation.lastText}` : `Echo: ${conversation.lastUserText}`;
  let pieces = tokenPieces(full);
  let finishReason: ReplyPlan["finishReason"] = "stop";
  if (typeof maxTokens === "number" && maxTokens > 0 && pieces.length > maxTokens) {
    pieces = pieces.slice(0, maxTokens);
    finishReason = "length";
  }
  return { pieces, text: pieces.join(""), finishReason };
}
