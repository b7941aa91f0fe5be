// Setup and export
export { init } from "./api/init";
export { flushTraces, getExportDiagnostics } from "./api/flush-traces";
export type { TracingOptions } from "./config/tracing-options";
export type { ExportDiagnostics } from "./export/export-pipeline";
export type { TransportName } from "./export/trace-transport";

// Manual tracing
export { trace, type TraceOptions, type TraceDecorator } from "./api/trace";
export { withSpan, type WithSpanOptions } from "./api/with-span";
export { startSpan, type StartSpanOptions } from "./api/start-span";
export { getCurrentActiveSpan, getLastActiveTraceId } from "./api/current-span";
export { updateCurrentTrace, type UpdateCurrentTraceOptions } from "./api/update-current-trace";
export { LiveSpan, type SpanEvent, type EndSpanOptions } from "./tracing/span";
export type { SpanOptions } from "./tracing/tracer";

// OpenAI through Kong AI Gateway
export { tracedOpenAI, type TracedOpenAIOptions } from "./openai/traced-openai";
export { kongGateway, GATEWAY_MANAGED_API_KEY, type KongGateway, type KongGatewaySettings, type KongClientOptions } from "./gateway/kong-gateway";
export { GatewayAttributeKey, GenAiAttributeKey } from "./gateway/signal-keys";
export type { HeadersLike } from "./gateway/headers-like";

// Feedback: assessments on traces
export { logFeedback, logExpectation } from "./feedback/log-feedback";
export {
  AssessmentSourceType,
  type AssessmentSourceTypeName,
  type AssessmentSource,
  type AssessmentValue,
  type AssessmentError,
  type Feedback,
  type Expectation,
  type LogFeedbackOptions,
  type LogExpectationOptions,
} from "./feedback/assessment-types";
export { AssessmentLoggingError } from "./feedback/assessment-logging-error";

// Set-up check (the CLI's `doctor`)
export { runDoctor } from "./doctor/run-doctor";
export { DOCTOR_TRACE_TAG } from "./doctor/check-test-trace";
export { kongIdentity, type KongIdentity } from "./doctor/kong-identity";
export type { DoctorCheck, DoctorCheckId, DoctorCheckStatus, DoctorOptions, DoctorReport, DoctorSettingKey } from "./doctor/doctor-types";

// Constants
export { SpanType } from "./tracing/span-type";
export { SpanStatusCode, type SpanStatus } from "./tracing/span-status";
export { SpanAttributeKey, TraceMetadataKey, TraceTagKey, TokenUsageKey } from "./tracing/attribute-keys";
export { TRACE_ID_PREFIX } from "./tracing/ids";

// Errors and diagnostics
export { KongMlflowError, ConfigurationError, MlflowHttpError, MlflowNetworkError } from "./errors";
export { setLogger, type Logger } from "./diagnostics/logger";

// Privacy
export { registerSecret, REDACTED } from "./export/secrets";
export type { MaskFunction, MaskContext } from "./tracing/recording-policy";

// Serialization
export { safeStringify, type SerializeLimits } from "./serialize";

// For runtime packages (node, edge)
export type { ContextManager } from "./context/context-manager";
export { SyncContextManager } from "./context/sync-context-manager";
export { setContextManager } from "./runtime/runtime";
export { setAssessmentSink } from "./feedback/log-feedback";
export {
  relayAssessmentSink,
  ASSESSMENT_RELAY_FORMAT,
  type AssessmentRelayPayload,
  type AssessmentSink,
  type RelayAssessmentSinkOptions,
} from "./feedback/assessment-sink";
export type { AssessmentWire } from "./feedback/assessment-wire";
