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

/** The operation of `<resource>.create`. */
const op = (resource: string, spanType: SpanType, genAiName: string, kind: Operation["kind"]): Operation => ({ name: `${resource}.create`, spanType, genAiName, kind });

/** The traced methods. @internal */
export const OPERATIONS: readonly Operation[] = [
  op("chat.completions", "CHAT_MODEL", "chat", "chat"),
  op("completions", "LLM", "text_completion", "completion"),
  op("embeddings", "EMBEDDING", "embeddings", "embedding"),
  op("responses", "CHAT_MODEL", "chat", "response"),
];
