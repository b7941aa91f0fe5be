import { SESSION_KEY, SPAN_INPUTS_KEY, SPAN_OUTPUTS_KEY, SPAN_TYPE_KEY, USER_KEY } from "./recorded-keys";

// The public key tables. The exporters read a copy, `exporter-keys.ts`, so
// that pages do not load these (see there); change both together
// (`exporter-keys.test.ts` fails when they differ).

/** Span attribute keys MLflow reads (Python `SpanAttributeKey`). */
export const SpanAttributeKey = {
  TRACE_ID: "mlflow.traceRequestId",
  SPAN_TYPE: SPAN_TYPE_KEY,
  INPUTS: SPAN_INPUTS_KEY,
  OUTPUTS: SPAN_OUTPUTS_KEY,
  FUNCTION_NAME: "mlflow.spanFunctionName",
  TOKEN_USAGE: "mlflow.chat.tokenUsage",
  MESSAGE_FORMAT: "mlflow.message.format",
  CHAT_TOOLS: "mlflow.chat.tools",
  MODEL: "mlflow.llm.model",
  PROVIDER: "mlflow.llm.provider",
} as const;

/** Trace metadata keys MLflow reads (Python `TraceMetadataKey`). */
export const TraceMetadataKey = {
  SCHEMA_VERSION: "mlflow.trace_schema.version",
  TOKEN_USAGE: "mlflow.trace.tokenUsage",
  SESSION: SESSION_KEY,
  USER: USER_KEY,
  SIZE_STATS: "mlflow.trace.sizeStats",
  INPUTS: "mlflow.traceInputs",
  OUTPUTS: "mlflow.traceOutputs",
  SOURCE_NAME: "mlflow.source.name",
  SOURCE_TYPE: "mlflow.source.type",
} as const;

/** Trace tag keys MLflow reads. */
export const TraceTagKey = {
  TRACE_NAME: "mlflow.traceName",
  ARTIFACT_LOCATION: "mlflow.artifactLocation",
  SPANS_LOCATION: "mlflow.trace.spansLocation",
} as const;

/** Keys of the `mlflow.chat.tokenUsage` object. */
export const TokenUsageKey = {
  INPUT_TOKENS: "input_tokens",
  OUTPUT_TOKENS: "output_tokens",
  TOTAL_TOKENS: "total_tokens",
} as const;
