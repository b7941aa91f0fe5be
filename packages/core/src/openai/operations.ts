import type { SpanType } from "../tracing/span-type";

/** What a traced OpenAI method is, for naming and shaping its span. @internal */
export interface Operation {
  /** Span name, e.g. `chat.completions.create`. */
  name: string;
  /** A `SpanType` value (written out: the bundle need not carry the whole table). */
  spanType: SpanType;
  /** `gen_ai.operation.name`. */
  genAiName: string;
  kind: "chat" | "completion" | "embedding" | "response";
}

/** The traced methods, by the path of their resource on the client. @internal */
export const OPERATIONS: ReadonlyArray<{ path: readonly string[]; op: Operation }> = [
  { path: ["chat", "completions"], op: { name: "chat.completions.create", spanType: "CHAT_MODEL", genAiName: "chat", kind: "chat" } },
  { path: ["completions"], op: { name: "completions.create", spanType: "LLM", genAiName: "text_completion", kind: "completion" } },
  { path: ["embeddings"], op: { name: "embeddings.create", spanType: "EMBEDDING", genAiName: "embeddings", kind: "embedding" } },
  { path: ["responses"], op: { name: "responses.create", spanType: "CHAT_MODEL", genAiName: "chat", kind: "response" } },
];
