import { AssessmentLoggingError } from "./assessment-logging-error";
import {
  type AssessmentError,
  type AssessmentSource,
  AssessmentSourceType,
  type AssessmentValue,
  type Expectation,
  type Feedback,
  type LogExpectationOptions,
  type LogFeedbackOptions,
} from "./assessment-types";

/** An assessment as MLflow's REST API writes it (proto JSON, snake_case). @internal */
export interface AssessmentWire {
  assessment_id?: string;
  assessment_name: string;
  trace_id?: string;
  span_id?: string;
  source?: { source_type: string; source_id?: string };
  create_time?: string;
  last_update_time?: string;
  feedback?: { value?: unknown; error?: { error_code?: string; error_message?: string; stack_trace?: string } };
  expectation?: { value?: unknown; serialized_value?: { serialization_format?: string; value?: string } };
  rationale?: string;
  metadata?: Record<string, string>;
  valid?: boolean;
}

const STACK_LIMIT = 10_000;
const STACK_PREFIX = "[Stack trace is truncated]\n...\n";
const JSON_FORMAT = "JSON_FORMAT";
const SOURCE_TYPES = new Set<string>(Object.values(AssessmentSourceType));

function invalid(traceId: string, what: string, message: string): AssessmentLoggingError {
  return new AssessmentLoggingError(traceId, `${what}: ${message}`, { errorCode: "INVALID_PARAMETER_VALUE" });
}

function checkCommon(what: string, options: { traceId: string; spanId?: string; metadata?: Record<string, string> }, name: unknown): void {
  const { traceId } = options;
  if (typeof traceId !== "string" || traceId.trim() === "") throw invalid(String(traceId), what, "traceId is required (e.g. span.traceId or getLastActiveTraceId()).");
  if (typeof name !== "string" || name.trim() === "") throw invalid(traceId, what, "name must be a non-empty string.");
  if (options.spanId !== undefined && !/^[0-9a-f]{16}$/i.test(options.spanId)) {
    throw invalid(traceId, what, `spanId "${options.spanId}" is not a span id (16 hex characters, as span.spanId gives).`);
  }
  for (const [key, value] of Object.entries(options.metadata ?? {})) {
    if (typeof value !== "string") throw invalid(traceId, what, `metadata values must be strings; "${key}" is ${typeof value}.`);
  }
}

function source(traceId: string, what: string, given: AssessmentSource | undefined, fallback: string): { source_type: string; source_id: string } {
  if (given === undefined) return { source_type: fallback, source_id: "default" };
  const raw = String(given.sourceType ?? "").toUpperCase();
  const type = raw === "AI_JUDGE" ? "LLM_JUDGE" : raw;
  if (!SOURCE_TYPES.has(type)) throw invalid(traceId, what, `source.sourceType "${String(given.sourceType)}" is not one of HUMAN, LLM_JUDGE, CODE.`);
  return { source_type: type, source_id: given.sourceId || "default" };
}

function jsonText(traceId: string, what: string, value: unknown): string {
  let text: string | undefined;
  try {
    text = JSON.stringify(value);
  } catch (error) {
    throw invalid(traceId, what, `value is not JSON-serializable (${(error as Error).message}).`);
  }
  if (text === undefined) throw invalid(traceId, what, `value is not JSON-serializable (${typeof value}).`);
  return text;
}

function truncateStack(stack: string): string {
  return stack.length <= STACK_LIMIT ? stack : STACK_PREFIX + stack.slice(-(STACK_LIMIT - STACK_PREFIX.length));
}

function errorToWire(error: Error | AssessmentError | string): NonNullable<NonNullable<AssessmentWire["feedback"]>["error"]> {
  if (typeof error === "string") return { error_code: "ASSESSMENT_ERROR", error_message: error };
  if (error instanceof Error) {
    return { error_code: error.name || "Error", error_message: error.message, ...(error.stack ? { stack_trace: truncateStack(error.stack) } : {}) };
  }
  return {
    ...(error.errorCode !== undefined ? { error_code: error.errorCode } : {}),
    ...(error.errorMessage !== undefined ? { error_message: error.errorMessage } : {}),
    ...(error.stackTrace !== undefined ? { stack_trace: truncateStack(error.stackTrace) } : {}),
  };
}

function optionalFields(options: { spanId?: string; metadata?: Record<string, string> }): Partial<AssessmentWire> {
  return {
    ...(options.spanId !== undefined ? { span_id: options.spanId.toLowerCase() } : {}),
    ...(options.metadata !== undefined ? { metadata: { ...options.metadata } } : {}),
  };
}

/** Checks `logFeedback` options and builds MLflow's request body. Throws {@link AssessmentLoggingError}. @internal */
export function feedbackToWire(options: LogFeedbackOptions): AssessmentWire {
  const what = "logFeedback";
  const name = options.name ?? "feedback";
  checkCommon(what, options, name);
  const hasError = options.error !== undefined && options.error !== "";
  if (options.value === undefined && !hasError) throw invalid(options.traceId, what, "give a value (or an error saying why there is none).");
  const feedback: NonNullable<AssessmentWire["feedback"]> = {};
  if (options.value !== undefined) feedback.value = JSON.parse(jsonText(options.traceId, what, options.value)) as unknown;
  if (hasError) feedback.error = errorToWire(options.error!);
  return {
    assessment_name: name,
    trace_id: options.traceId,
    source: source(options.traceId, what, options.source, AssessmentSourceType.CODE),
    feedback,
    ...(options.rationale !== undefined ? { rationale: String(options.rationale) } : {}),
    ...optionalFields(options),
  };
}

/**
 * Checks `logExpectation` options and builds MLflow's request body.
 * Structured values travel as JSON text, as MLflow's SDKs send them.
 * Throws {@link AssessmentLoggingError}. @internal
 */
export function expectationToWire(options: LogExpectationOptions): AssessmentWire {
  const what = "logExpectation";
  checkCommon(what, options, options.name);
  if (options.value === undefined || options.value === null) throw invalid(options.traceId, what, "value is required (any JSON except null).");
  const v = options.value;
  const expectation: NonNullable<AssessmentWire["expectation"]> =
    typeof v === "string" || typeof v === "number" || typeof v === "boolean"
      ? { value: v }
      : { serialized_value: { serialization_format: JSON_FORMAT, value: jsonText(options.traceId, what, v) } };
  return {
    assessment_name: options.name,
    trace_id: options.traceId,
    source: source(options.traceId, what, options.source, AssessmentSourceType.HUMAN),
    expectation,
    ...optionalFields(options),
  };
}

function expectationValue(wire: NonNullable<AssessmentWire["expectation"]>): AssessmentValue {
  const serialized = wire.serialized_value;
  if (serialized?.serialization_format === JSON_FORMAT && typeof serialized.value === "string") {
    try {
      return JSON.parse(serialized.value) as AssessmentValue;
    } catch {
      return serialized.value;
    }
  }
  return (wire.value ?? null) as AssessmentValue;
}

/** Reads an assessment MLflow returned into a {@link Feedback} or {@link Expectation}. @internal */
export function assessmentFromWire(wire: AssessmentWire, traceId: string): Feedback | Expectation {
  const common = {
    assessmentId: wire.assessment_id ?? "",
    name: wire.assessment_name,
    traceId: wire.trace_id ?? traceId,
    ...(wire.span_id ? { spanId: wire.span_id } : {}),
    source: { sourceType: wire.source?.source_type ?? "SOURCE_TYPE_UNSPECIFIED", ...(wire.source?.source_id ? { sourceId: wire.source.source_id } : {}) },
    ...(wire.create_time ? { createTime: wire.create_time } : {}),
    ...(wire.last_update_time ? { lastUpdateTime: wire.last_update_time } : {}),
    ...(wire.metadata ? { metadata: wire.metadata } : {}),
    ...(wire.valid !== undefined ? { valid: wire.valid } : {}),
  };
  if (wire.expectation) return { kind: "expectation", ...common, value: expectationValue(wire.expectation) };
  const fb = wire.feedback ?? {};
  const error = fb.error
    ? {
        ...(fb.error.error_code !== undefined ? { errorCode: fb.error.error_code } : {}),
        ...(fb.error.error_message !== undefined ? { errorMessage: fb.error.error_message } : {}),
        ...(fb.error.stack_trace !== undefined ? { stackTrace: fb.error.stack_trace } : {}),
      }
    : undefined;
  return {
    kind: "feedback",
    ...common,
    ...(fb.value !== undefined && !(fb.value === null && error) ? { value: fb.value as AssessmentValue } : {}),
    ...(error ? { error } : {}),
    ...(wire.rationale !== undefined ? { rationale: wire.rationale } : {}),
  };
}
