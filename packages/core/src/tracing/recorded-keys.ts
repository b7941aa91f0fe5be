// The MLflow keys that recording a trace writes, alone: the key tables in
// `attribute-keys.ts` serve the exporters, and a page that only records
// spans then does not carry them (esbuild splits code by file).

/** `SpanAttributeKey.SPAN_TYPE`. @internal */
export const SPAN_TYPE_KEY = "mlflow.spanType";
/** `SpanAttributeKey.INPUTS`. @internal */
export const SPAN_INPUTS_KEY = "mlflow.spanInputs";
/** `SpanAttributeKey.OUTPUTS`. @internal */
export const SPAN_OUTPUTS_KEY = "mlflow.spanOutputs";
/** `TraceMetadataKey.SESSION`. @internal */
export const SESSION_KEY = "mlflow.trace.session";
/** `TraceMetadataKey.USER`. @internal */
export const USER_KEY = "mlflow.trace.user";
