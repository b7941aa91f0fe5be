import { SESSION_KEY, SPAN_INPUTS_KEY, SPAN_OUTPUTS_KEY, SPAN_TYPE_KEY, USER_KEY } from "./recorded-keys";

// The public key tables of `attribute-keys.ts` again, for the exporters.
// Kept apart because esbuild splits code by file: the package index reaches
// `attribute-keys.ts`, so whatever of it the lazily loaded exporters use
// would land in the chunk every page loads. `exporter-keys.test.ts` keeps
// the two copies equal.

/** `SpanAttributeKey`, for exporters. @internal */
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

/** `TraceMetadataKey`, for exporters. @internal */
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

/** `TraceTagKey`, for exporters. @internal */
export const TraceTagKey = {
  TRACE_NAME: "mlflow.traceName",
  ARTIFACT_LOCATION: "mlflow.artifactLocation",
  SPANS_LOCATION: "mlflow.trace.spansLocation",
} as const;
