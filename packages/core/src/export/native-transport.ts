import type { FinishedTrace } from "../tracing/finished-trace";
import { TraceTagKey } from "../tracing/exporter-keys";
import { artifactPath } from "./artifact-path";
import { type MlflowHttpConfig, mlflowRequest } from "./mlflow-http";
import { traceDataJson } from "./span-json";
import { buildTraceInfo } from "./trace-info";
import { settleWithLimit } from "./map-limit";
import type { TraceFailure, TraceTransport } from "./trace-transport";

/**
 * MLflow's native path, which works on every 3.x server: StartTraceV3 with
 * the final TraceInfo, then a PUT of `traces.json` to the artifact location
 * the server returned: two requests per trace. A few traces of a batch go
 * at once (MLflow's SQLite store stalls under many concurrent writers).
 */
export class NativeTransport implements TraceTransport {
  readonly name = "native";
  /** Traces of one batch in flight at once. */
  static readonly CONCURRENCY = 4;

  constructor(private readonly http: MlflowHttpConfig) {}

  async send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]> {
    const results = await settleWithLimit(traces, NativeTransport.CONCURRENCY, (t) => this.sendOne(t, experimentId));
    const failures: TraceFailure[] = [];
    results.forEach((r, i) => {
      if (r.status === "rejected") failures.push({ trace: traces[i]!, error: r.reason });
    });
    return failures;
  }

  private async sendOne(trace: FinishedTrace, experimentId: string): Promise<void> {
    const { json, spanTexts } = traceDataJson(trace.spans, trace.otelTraceId);
    const info = buildTraceInfo(trace, experimentId, json, spanTexts);
    const answer = await mlflowRequest(this.http, "POST", "/api/3.0/mlflow/traces", JSON.stringify({ trace: { trace_info: info } }));
    const tags = (JSON.parse(answer) as { trace?: { trace_info?: { tags?: Record<string, string> } } }).trace?.trace_info?.tags;
    const path = artifactPath(tags?.[TraceTagKey.ARTIFACT_LOCATION], trace.traceId);
    await mlflowRequest(this.http, "PUT", `/api/2.0/mlflow-artifacts/artifacts${path}/traces.json`, json);
  }
}
