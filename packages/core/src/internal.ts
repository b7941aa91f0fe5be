/**
 * `@kong-mlflow/core/internal`: building blocks for the runtime packages
 * (`@kong-mlflow/node`, `@kong-mlflow/edge`). Not a public API: anything
 * here may change in any release.
 * @packageDocumentation
 */
export { runtime, type Runtime } from "./runtime/runtime";
export { resolveOptions } from "./config/resolve-options";
export type { ResolvedTracingOptions } from "./config/tracing-options";
export type { ExportPipelineOptions } from "./export/export-pipeline";
export type { Pipeline } from "./export/deferred-pipeline";
export { installPipeline, type TraceDestination } from "./api/install-pipeline";
export type { TraceTransport, TraceFailure } from "./export/trace-transport";
export type { FinishedTrace, TraceUpdates } from "./tracing/finished-trace";
export type { TraceState } from "./tracing/trace-state";
export { logger, warnOnce, resetWarnings } from "./diagnostics/logger";
export { scrubSecrets } from "./export/secrets";
// Trace relay: the browser side encodes, the server side validates and forwards.
export { RELAY_FORMAT, encodeRelayTrace, relayPayloadText, type RelayPayload, type RelayTrace, type RelaySpan } from "./export/relay-wire";
export { RelayPayloadError, decodeRelayPayload, resolveRelayLimits, type RelayLimits } from "./export/relay-decode";
export { createTraceRelay, type TraceRelay, type TraceRelayOptions } from "./export/relay-handler";
// Test helper for the runtime packages' unit tests.
export { captureTraces } from "./testing/capture-traces";
