/** Who produced an assessment, as MLflow records it. */
export const AssessmentSourceType = {
  /** A person: an end user's thumbs-up, a reviewer's label. */
  HUMAN: "HUMAN",
  /** An LLM acting as a judge. */
  LLM_JUDGE: "LLM_JUDGE",
  /** A program: a heuristic, a test, a metric. */
  CODE: "CODE",
} as const;

/** `HUMAN`, `LLM_JUDGE` or `CODE`. */
export type AssessmentSourceTypeName = (typeof AssessmentSourceType)[keyof typeof AssessmentSourceType];

/** The source of an assessment: its type and who or what (a user id, a judge model, a script name). */
export interface AssessmentSource {
  sourceType: AssessmentSourceTypeName;
  /** Default `"default"`, as in MLflow's SDKs. */
  sourceId?: string;
}

/** A JSON value MLflow can store as an assessment value. */
export type AssessmentValue = string | number | boolean | null | AssessmentValue[] | { [key: string]: AssessmentValue };

/** Why a feedback could not be computed (e.g. a judge that timed out), instead of a value. */
export interface AssessmentError {
  errorCode?: string;
  errorMessage?: string;
  /** Cut to its last 10 000 characters, as MLflow's SDKs do. */
  stackTrace?: string;
}

/** What every assessment carries. */
interface AssessmentFields {
  /** MLflow's id of the assessment, e.g. `a-3f…`. */
  assessmentId: string;
  /** The assessment's name, e.g. `user_satisfaction`. */
  name: string;
  traceId: string;
  /** The span the assessment is about, when not the whole trace. */
  spanId?: string;
  source: { sourceType: string; sourceId?: string };
  /** RFC 3339 timestamps set by the server. */
  createTime?: string;
  lastUpdateTime?: string;
  metadata?: Record<string, string>;
  /** False once another assessment overrides this one. */
  valid?: boolean;
}

/** A feedback as MLflow stored it. */
export interface Feedback extends AssessmentFields {
  kind: "feedback";
  value?: AssessmentValue;
  error?: AssessmentError;
  rationale?: string;
}

/** An expectation (ground truth) as MLflow stored it. */
export interface Expectation extends AssessmentFields {
  kind: "expectation";
  value: AssessmentValue;
}

/** Options shared by {@link logFeedback} and {@link logExpectation}. */
interface LogAssessmentOptions {
  /** The trace to attach the assessment to, e.g. from `getLastActiveTraceId()` or `span.traceId`. */
  traceId: string;
  /** Attach it to one span of the trace instead of the whole trace (16 hex characters). */
  spanId?: string;
  /** Free-form string metadata. */
  metadata?: Record<string, string>;
}

/** Options of {@link logFeedback}. Mirrors MLflow's `logFeedback`. */
export interface LogFeedbackOptions extends LogAssessmentOptions {
  /** Default `"feedback"`. */
  name?: string;
  /** The feedback: a boolean (thumbs up), a number (a score), a string (a label) or any JSON. Required unless `error` is given. */
  value?: AssessmentValue;
  /** Why the feedback could not be produced, instead of a value. */
  error?: Error | AssessmentError | string;
  /** Why this value, e.g. the user's comment or a judge's reasoning. */
  rationale?: string;
  /** Default `{ sourceType: "CODE", sourceId: "default" }`, as in MLflow's SDKs. */
  source?: AssessmentSource;
}

/** Options of {@link logExpectation}. Mirrors MLflow's `logExpectation`. */
export interface LogExpectationOptions extends LogAssessmentOptions {
  /** e.g. `expected_response`. */
  name: string;
  /** The expected value: any JSON except null. */
  value: AssessmentValue;
  /** Default `{ sourceType: "HUMAN", sourceId: "default" }`, as in MLflow's SDKs. */
  source?: AssessmentSource;
}
