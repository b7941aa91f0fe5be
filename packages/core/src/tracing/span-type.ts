/** `SpanType.UNKNOWN`, the default type, alone (a bundle need not carry the whole table for it). @internal */
export const UNKNOWN_SPAN_TYPE = "UNKNOWN";

/**
 * The kind of work a span stands for. MLflow's UI picks icons and views
 * (the Chat tab for CHAT_MODEL and LLM spans) from it. The names match
 * MLflow's Python `SpanType`, which has a few more than its TypeScript SDK.
 */
export const SpanType = {
  LLM: "LLM",
  CHAT_MODEL: "CHAT_MODEL",
  CHAIN: "CHAIN",
  AGENT: "AGENT",
  TOOL: "TOOL",
  RETRIEVER: "RETRIEVER",
  EMBEDDING: "EMBEDDING",
  PARSER: "PARSER",
  RERANKER: "RERANKER",
  MEMORY: "MEMORY",
  UNKNOWN: UNKNOWN_SPAN_TYPE,
  WORKFLOW: "WORKFLOW",
  TASK: "TASK",
  GUARDRAIL: "GUARDRAIL",
  EVALUATOR: "EVALUATOR",
} as const;

/** One of the {@link SpanType} values; any other string is accepted as a custom type. */
export type SpanType = (typeof SpanType)[keyof typeof SpanType] | (string & {});
