import { installDefaultContext } from "./context/context-setup";

// On import: AsyncLocalStorage where the runtime has one, else the call-stack context (browsers).
installDefaultContext();

// The edge init (relay, keepalive, page lifecycle) takes the place of the core one.
export { init, type EdgeTracingOptions } from "./init";
export { withFlush, type WithFlushOptions } from "./flush/with-flush";
export type { WaitUntil } from "./flush/find-wait-until";
export { spansFollowAwait, useAsyncLocalStorage, withActiveSpan } from "./context/context-setup";
export type { AsyncLocalStorageClass, AsyncLocalStorageLike } from "./context/async-local-storage-context-manager";
export { LOST_CONTEXT_WARNING } from "./context/call-stack-context-manager";
export { PAGE_CLOSED } from "./browser/open-traces";

// The core API, named one by one: everything but the set-up check (`runDoctor`, for
// servers and the CLI), which would weigh on every browser bundle.
export {
  flushTraces,
  getExportDiagnostics,
  type TracingOptions,
  type ExportDiagnostics,
  type TransportName,
  trace,
  type TraceOptions,
  type TraceDecorator,
  withSpan,
  type WithSpanOptions,
  startSpan,
  type StartSpanOptions,
  getCurrentActiveSpan,
  getLastActiveTraceId,
  updateCurrentTrace,
  type UpdateCurrentTraceOptions,
  LiveSpan,
  type SpanEvent,
  type EndSpanOptions,
  type SpanOptions,
  tracedOpenAI,
  type TracedOpenAIOptions,
  kongGateway,
  GATEWAY_MANAGED_API_KEY,
  type KongGateway,
  type KongGatewaySettings,
  type KongClientOptions,
  GatewayAttributeKey,
  GenAiAttributeKey,
  type HeadersLike,
  logFeedback,
  logExpectation,
  AssessmentSourceType,
  type AssessmentSourceTypeName,
  type AssessmentSource,
  type AssessmentValue,
  type AssessmentError,
  type Feedback,
  type Expectation,
  type LogFeedbackOptions,
  type LogExpectationOptions,
  AssessmentLoggingError,
  setAssessmentSink,
  relayAssessmentSink,
  ASSESSMENT_RELAY_FORMAT,
  type AssessmentRelayPayload,
  type AssessmentSink,
  type RelayAssessmentSinkOptions,
  type AssessmentWire,
  SpanType,
  SpanStatusCode,
  type SpanStatus,
  SpanAttributeKey,
  TraceMetadataKey,
  TraceTagKey,
  TokenUsageKey,
  TRACE_ID_PREFIX,
  KongMlflowError,
  ConfigurationError,
  MlflowHttpError,
  MlflowNetworkError,
  setLogger,
  type Logger,
  registerSecret,
  REDACTED,
  type MaskFunction,
  type MaskContext,
  safeStringify,
  type SerializeLimits,
  type ContextManager,
  SyncContextManager,
  setContextManager,
} from "@kong-mlflow/core";
