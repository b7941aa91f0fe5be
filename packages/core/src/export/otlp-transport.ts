import type { FinishedTrace } from "../tracing/finished-trace";
import { type MlflowHttpConfig, ScrubbedBody, mlflowRequest } from "./mlflow-http";
import { needsTraceInfoCall, otlpJson } from "./otlp-json";
import { isRetryable } from "./retry-policy";
import { traceDataJson } from "./span-json";
import { buildTraceInfo } from "./trace-info";
import type { TraceFailure, TraceTransport } from "./trace-transport";

/** Bodies kept for a retry at most (the pipeline retries at most a couple of batches at a time). */
const MAX_KEPT_BODIES = 4;

/**
 * MLflow's OTLP endpoint (`POST /v1/traces`, JSON), for servers with a SQL
 * store: one request carries every span of a whole batch of traces, which
 * is what keeps export cheap. A trace that carries data OTLP cannot set
 * (custom metadata, a client request id, preview overrides) also gets a
 * StartTraceV3 call, which the server merges into the same trace.
 *
 * A batch is encoded (and scrubbed of secrets) once: when its request
 * fails in a way the pipeline retries, the body is kept, and the retry of
 * the same batch sends it again as it is.
 */
export class OtlpTransport implements TraceTransport {
  readonly name = "otlp";
  /** Bodies of batches whose request failed and will be retried, by the batch's first trace. */
  private readonly kept = new Map<FinishedTrace, { traces: readonly FinishedTrace[]; body: ScrubbedBody }>();

  constructor(private readonly http: MlflowHttpConfig) {}

  async send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]> {
    const body = this.bodyOf(traces);
    try {
      await mlflowRequest(this.http, "POST", "/v1/traces", body, { "x-mlflow-experiment-id": experimentId });
    } catch (error) {
      if (isRetryable(error)) this.keep(traces, body);
      throw error;
    }
    const failures: TraceFailure[] = [];
    for (const trace of traces.filter(needsTraceInfoCall)) {
      try {
        const { json, spanTexts } = traceDataJson(trace.spans, trace.otelTraceId);
        const info = buildTraceInfo(trace, experimentId, json, spanTexts);
        await mlflowRequest(this.http, "POST", "/api/3.0/mlflow/traces", JSON.stringify({ trace: { trace_info: info } }));
      } catch (error) {
        failures.push({ trace, error }); // resending the whole trace is safe: MLflow merges it
      }
    }
    return failures;
  }

  /** The kept body when this is a retry of the same batch, else a new one. */
  private bodyOf(traces: FinishedTrace[]): ScrubbedBody {
    const first = traces[0];
    const kept = first && this.kept.get(first);
    if (kept) {
      this.kept.delete(first);
      if (kept.traces.length === traces.length && kept.traces.every((t, i) => t === traces[i])) return kept.body;
    }
    return new ScrubbedBody(otlpJson(traces));
  }

  private keep(traces: FinishedTrace[], body: ScrubbedBody): void {
    if (traces.length === 0) return;
    this.kept.set(traces[0]!, { traces, body });
    // the oldest goes first; a batch the pipeline re-forms differently is simply encoded again
    if (this.kept.size > MAX_KEPT_BODIES) this.kept.delete(this.kept.keys().next().value!);
  }
}
