import { flushTraces, getExportDiagnostics } from "../api/flush-traces";
import { init } from "../api/init";
import { updateCurrentTrace } from "../api/update-current-trace";
import { withSpan } from "../api/with-span";
import { type Logger, logger, setLogger } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import { SpanType } from "../tracing/span-type";
import { CREDENTIALS_HINT, type MlflowContext } from "./doctor-context";
import { type Outcome, fail, pass } from "./check-outcome";
import { bodyMessage, probe } from "./http-probe";

/** The tag the doctor's test trace carries, to find (or filter out) such traces. */
export const DOCTOR_TRACE_TAG = "kong_mlflow.doctor";

const SPAN_NAME = "kong-mlflow doctor";

/**
 * Runs `fn` with tracing configured by `init(options)`, then puts back the
 * configuration, export queue and logger that were there, so the doctor
 * never changes an application's tracing.
 */
async function withOwnTracing<T>(ctx: MlflowContext, warnings: string[], fn: () => Promise<T>): Promise<T> {
  const rt = runtime();
  const saved = { options: rt.options, pipeline: rt.pipeline, lastTraceId: rt.lastTraceId, early: rt.early.splice(0), logger: logger() };
  const capture: Logger = { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  setLogger(capture);
  try {
    init({ ...ctx.given, enabled: true, requestTimeoutMs: ctx.timeoutMs, fetch: ctx.http.fetch, batch: { ...ctx.given.batch, scheduleDelayMs: 0 } });
    return await fn();
  } finally {
    rt.options = saved.options;
    rt.pipeline = saved.pipeline;
    rt.lastTraceId = saved.lastTraceId;
    rt.early.push(...saved.early);
    setLogger(saved.logger);
  }
}

/**
 * Writes one trace through the real exporter (`init`, a span,
 * `flushTraces`) and reads it back over REST. The trace stays in the
 * experiment, tagged `kong_mlflow.doctor`.
 */
export async function checkTestTrace(ctx: MlflowContext, expectedExperimentId: string | undefined): Promise<Outcome> {
  const warnings: string[] = [];
  const { http } = ctx;
  let traceId = "";
  const delivered = await withOwnTracing(ctx, warnings, async () => {
    withSpan(
      (span) => {
        traceId = span.traceId;
        updateCurrentTrace({ tags: { [DOCTOR_TRACE_TAG]: "true" } });
        return { ok: true };
      },
      { name: SPAN_NAME, spanType: SpanType.UNKNOWN, parent: null, inputs: { check: "kong-mlflow doctor: a test trace" } },
    );
    await flushTraces(ctx.timeoutMs);
    return getExportDiagnostics();
  });
  if (delivered.exported < 1) {
    const why = [...new Set([...warnings, ...((delivered as { lastError?: string }).lastError ? [(delivered as { lastError?: string }).lastError!] : [])])].join("; ");
    const auth = /\b(401|403)\b/.test(why);
    return fail(`the test trace ${traceId} was not delivered: ${why || `still queued after ${ctx.timeoutMs} ms`}`, auth ? CREDENTIALS_HINT : undefined);
  }

  let info: { trace_location?: { mlflow_experiment?: { experiment_id?: string } }; state?: string } | undefined;
  let lastError = "";
  for (let attempt = 0; attempt < 5 && !info; attempt++) {
    if (attempt > 0) await new Promise((r) => setTimeout(r, 300));
    const answer = await probe(http.fetch, `${http.trackingUri}/api/3.0/mlflow/traces/${traceId}`, { headers: http.headers }, ctx.timeoutMs);
    if (answer.ok && answer.status === 200) info = (JSON.parse(answer.text) as { trace: { trace_info: typeof info } }).trace.trace_info;
    else lastError = answer.ok ? `HTTP ${answer.status}: ${bodyMessage(answer.text)}` : answer.error;
  }
  if (!info) return fail(`the test trace ${traceId} was sent, but reading it back failed: ${lastError}`);
  const experimentId = info.trace_location?.mlflow_experiment?.experiment_id ?? "?";
  if (expectedExperimentId !== undefined && experimentId !== expectedExperimentId) {
    return fail(`the test trace ${traceId} landed in experiment ${experimentId}, not ${expectedExperimentId}`);
  }
  const spansAnswer = await probe(http.fetch, `${http.trackingUri}/ajax-api/2.0/mlflow/get-trace-artifact?request_id=${traceId}`, { headers: http.headers }, ctx.timeoutMs);
  const spans = spansAnswer.ok && spansAnswer.status === 200 ? ((JSON.parse(spansAnswer.text) as { spans?: { name?: string }[] }).spans ?? []) : [];
  if (!spans.some((s) => s.name === SPAN_NAME)) {
    const why = spansAnswer.ok ? `HTTP ${spansAnswer.status}, ${spans.length} span(s)` : spansAnswer.error;
    return fail(`the test trace ${traceId} landed without its span (${why})`);
  }
  const url = `${http.trackingUri}/#/experiments/${experimentId}/traces?selectedEvaluationId=${traceId}`;
  return pass(`${traceId} landed in experiment ${experimentId} and reads back (state ${info.state ?? "?"}, ${spans.length} span)`, { traceId, experimentId, url });
}
