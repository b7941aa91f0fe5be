import type { FinishedTrace } from "../tracing/finished-trace";
import { type MlflowHttpConfig, mlflowRequest } from "./mlflow-http";
import { needsTraceInfoCall, otlpJson } from "./otlp-json";
import { traceDataJson } from "./span-json";
import { buildTraceInfo } from "./trace-info";
import type { TraceFailure, TraceTransport } from "./trace-transport";

/**
 * MLflow's OTLP endpoint (`POST /v1/traces`, JSON), for servers with a SQL
 * store: one request carries every span of a whole batch of traces, which
 * is what keeps export cheap. A trace that carries data OTLP cannot set
 * (custom metadata, a client request id, preview overrides) also gets a
 * StartTraceV3 call, which the server merges into the same trace.
 */
export class OtlpTransport implements TraceTransport {
  constructor(private readonly http: MlflowHttpConfig) {}

  async send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]> {
    await mlflowRequest(this.http, "POST", "/v1/traces", otlpJson(traces), { "x-mlflow-experiment-id": experimentId });
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
}
