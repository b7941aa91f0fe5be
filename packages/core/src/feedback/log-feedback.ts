import { resolveOptions } from "../config/resolve-options";
import { type Runtime, runtime } from "../runtime/runtime";
import { type AssessmentSink, mlflowAssessmentSink, relayAssessmentSink } from "./assessment-sink";
import type { Expectation, Feedback, LogExpectationOptions, LogFeedbackOptions } from "./assessment-types";
import { assessmentFromWire, expectationToWire, feedbackToWire } from "./assessment-wire";

/** The shared runtime, with the assessment sink kept on it (so every copy of the package sees one sink). */
function rt(): Runtime & { assessmentSink?: AssessmentSink } {
  return runtime();
}

/**
 * The sink installed with {@link setAssessmentSink}, else the trace relay
 * when `init({ relayUrl })` set one, else MLflow with the `init()`
 * configuration (or the environment).
 */
function currentSink(): AssessmentSink {
  const state = rt();
  if (state.assessmentSink) return state.assessmentSink;
  if (state.relay) return relayAssessmentSink(state.relay);
  const o = state.options ?? resolveOptions();
  return mlflowAssessmentSink({ trackingUri: o.trackingUri, headers: o.headers, requestTimeoutMs: o.requestTimeoutMs, fetch: o.fetch });
}

/**
 * Records feedback on a trace (a user's thumbs-up, a judge's score) through
 * MLflow's assessments API, and resolves with the assessment as MLflow
 * stored it. Unlike trace export this is an ordinary awaited call: it
 * rejects with an {@link AssessmentLoggingError} carrying MLflow's message
 * (an unknown trace, bad options, MLflow unreachable), or a
 * `ConfigurationError` when no MLflow is configured. Uses the `init()`
 * configuration; in a browser, call the edge package's relay setup so
 * feedback goes through the trace relay.
 *
 * @example
 * await logFeedback({
 *   traceId,
 *   name: "user_satisfaction",
 *   value: true,
 *   rationale: "The answer solved my problem",
 *   source: { sourceType: "HUMAN", sourceId: "user-42" },
 * });
 */
export async function logFeedback(options: LogFeedbackOptions): Promise<Feedback> {
  const wire = feedbackToWire(options);
  const created = await currentSink().create(options.traceId, wire);
  return assessmentFromWire(created, options.traceId) as Feedback;
}

/**
 * Records an expectation (the ground truth, e.g. the answer a reviewer
 * expected) on a trace, and resolves with it as MLflow stored it. Errors as
 * for {@link logFeedback}.
 *
 * @example
 * await logExpectation({ traceId, name: "expected_answer", value: "Kong listens on 8000", source: { sourceType: "HUMAN", sourceId: "reviewer" } });
 */
export async function logExpectation(options: LogExpectationOptions): Promise<Expectation> {
  const wire = expectationToWire(options);
  const created = await currentSink().create(options.traceId, wire);
  return assessmentFromWire(created, options.traceId) as Expectation;
}

/**
 * Sends `logFeedback` / `logExpectation` through `sink` instead of straight
 * to MLflow (`undefined` restores the default). For runtime packages: the
 * edge package's browser setup installs a relay sink.
 */
export function setAssessmentSink(sink: AssessmentSink | undefined): void {
  rt().assessmentSink = sink;
}
