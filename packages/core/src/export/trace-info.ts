import { TraceMetadataKey, TraceTagKey } from "../tracing/exporter-keys";
import type { FinishedTrace } from "../tracing/finished-trace";
import { SpanStatusCode } from "../tracing/span-status";
import { requestPreview, responsePreview } from "./previews";
import { aggregateTokenUsage } from "./token-usage";
import { utf8ByteLength as utf8Length } from "../serialize/utf8";

/** MLflow's TraceInfoV3, as sent to StartTraceV3. */
export interface TraceInfoV3 {
  trace_id: string;
  client_request_id?: string;
  trace_location: { type: "MLFLOW_EXPERIMENT"; mlflow_experiment: { experiment_id: string } };
  request_preview: string;
  response_preview: string;
  request_time: string;
  execution_duration: string;
  state: "OK" | "ERROR" | "IN_PROGRESS";
  trace_metadata: Record<string, string>;
  tags: Record<string, string>;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  const idx = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[idx]!;
}

/** `mlflow.trace.sizeStats`: total bytes, span count and span-size percentiles. */
export function sizeStats(totalBytes: number, spanTexts: string[]): string {
  const sizes = spanTexts.map(utf8Length).sort((a, b) => a - b);
  return JSON.stringify({
    total_size_bytes: totalBytes,
    num_spans: sizes.length,
    max: sizes[sizes.length - 1] ?? 0,
    p25: percentile(sizes, 25),
    p50: percentile(sizes, 50),
    p75: percentile(sizes, 75),
  });
}

/**
 * Builds the TraceInfoV3 of a finished trace: state and duration from the
 * root span, previews, token usage, session and user, size stats, and the
 * `mlflow.traceName` tag the UI's "Trace name" column reads.
 */
export function buildTraceInfo(trace: FinishedTrace, experimentId: string, dataJson: string, spanTexts: string[]): TraceInfoV3 {
  const { root, updates } = trace;
  const endMs = root.endTimeMs ?? root.startTimeMs;
  let lastEnd = endMs;
  for (const s of trace.spans) if (s.endTimeMs !== undefined && s.endTimeMs > lastEnd) lastEnd = s.endTimeMs;
  const durationS = Math.max(0, lastEnd - root.startTimeMs) / 1000;

  const reqPreview = updates.requestPreview ?? requestPreview(root.inputsJson);
  const resPreview = updates.responsePreview ?? responsePreview(root.outputsJson);
  const metadata: Record<string, string> = {
    [TraceMetadataKey.SCHEMA_VERSION]: "3",
    [TraceMetadataKey.SIZE_STATS]: sizeStats(utf8Length(dataJson), spanTexts),
    [TraceMetadataKey.INPUTS]: reqPreview,
    [TraceMetadataKey.OUTPUTS]: resPreview,
    ...updates.metadata,
  };
  const usage = aggregateTokenUsage(root, trace.spans);
  if (usage) metadata[TraceMetadataKey.TOKEN_USAGE] = JSON.stringify(usage);

  const info: TraceInfoV3 = {
    trace_id: trace.traceId,
    trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } },
    request_preview: reqPreview,
    response_preview: resPreview,
    request_time: new Date(Math.floor(root.startTimeMs)).toISOString(),
    execution_duration: `${durationS.toFixed(6)}s`,
    state: root.status.code === SpanStatusCode.ERROR ? "ERROR" : "OK",
    trace_metadata: metadata,
    tags: { [TraceTagKey.TRACE_NAME]: root.name, ...updates.tags },
  };
  if (updates.clientRequestId !== undefined) info.client_request_id = updates.clientRequestId;
  return info;
}
