import { base64IdToHex, decodeSpanAttributes, getTraceInfo, getTraceSpans } from "@kong-mlflow/testkit";

/** A span read back from MLflow, JSON-safe (ids in hex, times as strings). */
export interface ReadSpan {
  spanId: string;
  parentId: string | null;
  name: string;
  type: unknown;
  status: string;
  statusMessage: string;
  attrs: Record<string, unknown>;
  inputs: unknown;
  outputs: unknown;
  events: Array<{ name: string; attributes: Record<string, unknown> }>;
  startNs: string;
  endNs: string;
}

/** A trace read back from MLflow. */
export interface ReadTrace {
  traceId: string;
  state: string | undefined;
  tags: Record<string, string>;
  metadata: Record<string, string>;
  requestPreview: string | undefined;
  responsePreview: string | undefined;
  spans: ReadSpan[];
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Reads a trace back from the real MLflow over REST, waiting (up to
 * `timeoutMs`) until it exists with at least `minSpans` spans: exports are
 * asynchronous, and in workerd they run after the response was sent.
 */
export async function readTrace(trackingUri: string, traceId: string, minSpans = 1, timeoutMs = 15_000): Promise<ReadTrace> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const info = await getTraceInfo(trackingUri, traceId);
      const raw = await getTraceSpans(trackingUri, traceId);
      if (raw.length >= minSpans) {
        return {
          traceId,
          state: info.state,
          tags: info.tags ?? {},
          metadata: info.trace_metadata ?? {},
          requestPreview: info.request_preview,
          responsePreview: info.response_preview,
          spans: raw.map((s) => {
            const attrs = decodeSpanAttributes(s.attributes);
            return {
              spanId: base64IdToHex(s.span_id),
              parentId: s.parent_span_id ? base64IdToHex(s.parent_span_id) : null,
              name: s.name,
              type: attrs["mlflow.spanType"],
              status: s.status.code,
              statusMessage: s.status.message ?? "",
              attrs,
              inputs: attrs["mlflow.spanInputs"],
              outputs: attrs["mlflow.spanOutputs"],
              events: (s.events ?? []).map((e) => ({ name: e.name, attributes: (e.attributes ?? {}) as Record<string, unknown> })),
              startNs: String(s.start_time_unix_nano),
              endNs: String(s.end_time_unix_nano),
            };
          }),
        };
      }
    } catch (error) {
      if (Date.now() >= deadline) throw error;
    }
    if (Date.now() >= deadline) throw new Error(`trace ${traceId} has fewer than ${minSpans} spans in MLflow after ${timeoutMs} ms`);
    await sleep(100);
  }
}
