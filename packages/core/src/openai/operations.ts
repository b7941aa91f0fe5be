import type { SpanType } from "../tracing/span-type";

/** What a traced OpenAI method is, for naming and shaping its span. @internal */
export interface Operation {
  /** Span name, e.g. `chat.completions.create`: the method's path on the client. */
  name: string;
  /** A `SpanType` value (written out: the bundle need not carry the whole table). */
  spanType: SpanType;
  /** `gen_ai.operation.name`. */
  genAiName: string;
  kind: "chat" | "completion" | "embedding" | "response";
}

/** The traced methods. @internal */
export const OPERATIONS: readonly Operation[] = [
  { name: "chat.completions.create", spanType: "CHAT_MODEL", genAiName: "chat", kind: "chat" },
  { name: "completions.create", spanType: "LLM", genAiName: "text_completion", kind: "completion" },
  { name: "embeddings.create", spanType: "EMBEDDING", genAiName: "embeddings", kind: "embedding" },
  { name: "responses.create", spanType: "CHAT_MODEL", genAiName: "chat", kind: "response" },
];
