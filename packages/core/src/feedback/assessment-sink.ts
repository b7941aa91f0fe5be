import type { MlflowHttpConfig } from "../export/mlflow-http";
import { AssessmentLoggingError } from "./assessment-logging-error";
import type { AssessmentWire } from "./assessment-wire";

/**
 * Where assessments go. The default sink posts to MLflow with the configured
 * credentials; a browser posts through the trace relay instead
 * ({@link relayAssessmentSink}), so MLflow credentials never reach it.
 */
export interface AssessmentSink {
  /** Creates the assessment on `traceId`; resolves with it as stored, rejects with an {@link AssessmentLoggingError}. */
  create(traceId: string, assessment: AssessmentWire): Promise<AssessmentWire>;
}

/** The path of MLflow's CreateAssessment, relative to the tracking URI. */
export function assessmentsPath(traceId: string): string {
  return `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}/assessments`;
}

function originOf(url: string): string {
  try {
    return new URL(url).origin;
  } catch {
    return url;
  }
}

interface PostSettings {
  fetch: typeof fetch;
  headers: Record<string, string>;
  timeoutMs: number;
  /** Who answers, for messages: "MLflow" or "the trace relay". */
  peer: string;
}

/** POSTs `{assessment}` to an MLflow-shaped endpoint and reads `{assessment}` back. */
async function postAssessment(url: string, settings: PostSettings, traceId: string, assessment: AssessmentWire, body: unknown = { assessment }): Promise<AssessmentWire> {
  let response: Response;
  let text: string;
  try {
    response = await settings.fetch(url, {
      method: "POST",
      headers: { "Content-Type": "application/json", ...settings.headers },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(settings.timeoutMs),
    });
    text = await response.text();
  } catch (error) {
    const why = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new AssessmentLoggingError(traceId, `could not reach ${settings.peer} at ${originOf(url)} to record assessment "${assessment.assessment_name}" on ${traceId}: ${why}`, { cause: error });
  }
  let answer: { assessment?: AssessmentWire; message?: string; error?: unknown; error_code?: string } | undefined;
  try {
    answer = JSON.parse(text) as typeof answer;
  } catch {
    answer = undefined;
  }
  if (!response.ok) {
    const message = answer?.message ?? (typeof answer?.error === "string" ? answer.error : undefined) ?? (text.trim().slice(0, 500) || response.statusText);
    throw new AssessmentLoggingError(traceId, `${settings.peer} refused assessment "${assessment.assessment_name}" on ${traceId} (HTTP ${response.status}${answer?.error_code ? ` ${answer.error_code}` : ""}): ${message}`, {
      status: response.status,
      ...(answer?.error_code !== undefined ? { errorCode: answer.error_code } : {}),
    });
  }
  if (!answer?.assessment) {
    throw new AssessmentLoggingError(traceId, `${settings.peer} answered HTTP ${response.status} without an assessment: ${text.slice(0, 200)}`, { status: response.status });
  }
  return answer.assessment;
}

/** Posts assessments to MLflow's assessments API with the tracking configuration's credentials. @internal */
export function mlflowAssessmentSink(http: MlflowHttpConfig): AssessmentSink {
  const settings: PostSettings = { fetch: http.fetch, headers: http.headers, timeoutMs: http.requestTimeoutMs, peer: "MLflow" };
  return { create: (traceId, assessment) => postAssessment(`${http.trackingUri}${assessmentsPath(traceId)}`, settings, traceId, assessment) };
}

/** Options of {@link relayAssessmentSink}. */
export interface RelayAssessmentSinkOptions {
  /** The relay's URL (absolute, or relative to the page in a browser), e.g. `/api/traces`. */
  url: string;
  /** Extra headers, e.g. your app's own session or CSRF header. */
  headers?: Record<string, string>;
  /** Default: the global fetch. */
  fetch?: typeof fetch;
  /** Default 30 000 ms. */
  timeoutMs?: number;
}

/** The value of `format` in an assessment posted to the trace relay. */
export const ASSESSMENT_RELAY_FORMAT = "kong-mlflow.assessment.v1";

/** What a browser posts to the trace relay to record an assessment. The relay answers as MLflow does: `{assessment}`. */
export interface AssessmentRelayPayload {
  format: typeof ASSESSMENT_RELAY_FORMAT;
  traceId: string;
  assessment: AssessmentWire;
}

/**
 * Sends assessments through the trace relay instead of to MLflow: it POSTs
 * an {@link AssessmentRelayPayload} to the relay's URL (the same route that
 * takes traces), and the relay, which holds the MLflow credentials, checks
 * it and forwards it. Install it with `setAssessmentSink` where MLflow
 * credentials must not go (browsers).
 */
export function relayAssessmentSink(options: RelayAssessmentSinkOptions): AssessmentSink {
  const settings = (): PostSettings => ({
    fetch: options.fetch ?? fetch.bind(globalThis),
    headers: options.headers ?? {},
    timeoutMs: options.timeoutMs ?? 30_000,
    peer: "the trace relay",
  });
  const absolute = () => {
    const location = (globalThis as { location?: { href?: string } }).location?.href;
    return location ? new URL(options.url, location).href : options.url;
  };
  return {
    create: (traceId, assessment) => {
      const payload: AssessmentRelayPayload = { format: ASSESSMENT_RELAY_FORMAT, traceId, assessment };
      return postAssessment(absolute(), settings(), traceId, assessment, payload);
    },
  };
}
