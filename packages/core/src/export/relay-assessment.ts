import { ASSESSMENT_RELAY_FORMAT, mlflowAssessmentSink } from "../feedback/assessment-sink";
import type { AssessmentWire } from "../feedback/assessment-wire";
import { MlflowHttpError } from "../errors";
import { type MlflowHttpConfig, mlflowRequest } from "./mlflow-http";
import { RelayPayloadError } from "./relay-decode";

export { ASSESSMENT_RELAY_FORMAT };

const TRACE_ID = /^tr-[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const SOURCE_TYPES = new Set(["HUMAN", "LLM_JUDGE", "CODE"]);
/** What `relayAssessmentSink` sends: the fields of a new assessment, nothing that names or changes an existing one. */
const NEW_ASSESSMENT_FIELDS = new Set(["assessment_name", "trace_id", "span_id", "source", "feedback", "expectation", "rationale", "metadata"]);

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function bad(message: string): never {
  throw new RelayPayloadError(400, message);
}

/**
 * Checks the shape of an assessment a browser posts through the relay
 * (`relayAssessmentSink` in core): a trace id, and an assessment with a name
 * and a feedback or an expectation, on that same trace. Only the fields of a
 * new assessment pass: a page may not set ids or times, nor override or
 * invalidate other assessments (`overrides`, `valid`). MLflow checks the
 * rest when it gets it. @internal
 */
export function decodeAssessmentPayload(value: Record<string, unknown>): { traceId: string; assessment: AssessmentWire } {
  const { traceId, assessment } = value;
  if (typeof traceId !== "string" || !TRACE_ID.test(traceId)) bad('traceId: expected "tr-" followed by 32 lowercase hex characters');
  if (!isObject(assessment)) bad("assessment: expected an object");
  if (typeof assessment.assessment_name !== "string" || assessment.assessment_name.length === 0 || assessment.assessment_name.length > 1000) {
    bad("assessment.assessment_name: expected a name of 1 to 1000 characters");
  }
  if (assessment.trace_id !== undefined && assessment.trace_id !== traceId) bad("assessment.trace_id: must be the payload's traceId");
  if (!isObject(assessment.feedback) && !isObject(assessment.expectation)) bad("assessment: expected a feedback or an expectation");
  if (assessment.metadata !== undefined && (!isObject(assessment.metadata) || Object.values(assessment.metadata).some((v) => typeof v !== "string"))) {
    bad("assessment.metadata: expected an object of strings");
  }
  for (const key of Object.keys(assessment)) {
    if (!NEW_ASSESSMENT_FIELDS.has(key)) bad(`assessment.${key}: not accepted through the relay (a page may only create new assessments)`);
  }
  if (isObject(assessment.feedback) && isObject(assessment.expectation)) bad("assessment: expected a feedback or an expectation, not both");
  const source = assessment.source;
  if (source !== undefined) {
    if (!isObject(source) || typeof source.source_type !== "string" || !SOURCE_TYPES.has(source.source_type)) bad("assessment.source.source_type: expected HUMAN, LLM_JUDGE or CODE");
    if (source.source_id !== undefined && typeof source.source_id !== "string") bad("assessment.source.source_id: expected a string");
  }
  if (assessment.span_id !== undefined && (typeof assessment.span_id !== "string" || !SPAN_ID.test(assessment.span_id))) bad("assessment.span_id: expected 16 lowercase hex characters");
  if (assessment.rationale !== undefined && typeof assessment.rationale !== "string") bad("assessment.rationale: expected a string");
  const forwarded: Record<string, unknown> = {};
  for (const key of NEW_ASSESSMENT_FIELDS) if (assessment[key] !== undefined) forwarded[key] = assessment[key];
  return { traceId, assessment: forwarded as unknown as AssessmentWire };
}

/**
 * Records a browser's assessment: only on a trace that exists and belongs
 * to an allowed experiment (a page must not annotate traces elsewhere in
 * MLflow), then through MLflow's assessments API with the relay's
 * credentials. Resolves with MLflow's stored assessment. @internal
 */
export async function forwardAssessment(http: MlflowHttpConfig, allowedIds: () => Promise<string[]>, traceId: string, assessment: AssessmentWire): Promise<AssessmentWire> {
  let experimentId: string | undefined;
  try {
    const text = await mlflowRequest(http, "GET", `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}`);
    const info = (JSON.parse(text) as { trace?: { trace_info?: { trace_location?: { mlflow_experiment?: { experiment_id?: string } } } } }).trace?.trace_info;
    experimentId = info?.trace_location?.mlflow_experiment?.experiment_id;
  } catch (error) {
    if (error instanceof MlflowHttpError && error.status === 404) throw new RelayPayloadError(404, `trace ${traceId} does not exist in MLflow.`);
    throw error;
  }
  if (experimentId === undefined || !(await allowedIds()).includes(experimentId)) {
    throw new RelayPayloadError(403, `trace ${traceId} is not in an experiment on this relay's allow-list.`);
  }
  return mlflowAssessmentSink(http).create(traceId, assessment);
}
