import { safeStringify } from "../serialize";
import type { FinishedTrace } from "../tracing/finished-trace";
import type { LiveSpan } from "../tracing/span";

/** The value of `format` in every relay payload. */
export const RELAY_FORMAT = "kong-mlflow.traces.v1";

/**
 * The JSON a browser posts to a trace relay: finished traces in our own
 * span model, so the relay rebuilds them exactly and sends them through the
 * same transports as a server would.
 *
 * ```json
 * { "format": "kong-mlflow.traces.v1", "experimentId": "12",
 *   "traces": [{ "traceId": "tr-<32 hex>", "tags": {}, "metadata": {},
 *     "spans": [{ "spanId": "<16 hex>", "parentId": null, "name": "chat", "spanType": "CHAIN",
 *       "startTimeMs": 1764390000000.25, "endTimeMs": 1764390000420.5,
 *       "status": { "code": "STATUS_CODE_OK" }, "inputs": {}, "outputs": "…",
 *       "attributes": {}, "events": [{ "name": "exception", "timeMs": 1764390000001, "attributes": {} }] }] }] }
 * ```
 * `experimentId` or `experimentName` (at most one) picks the experiment;
 * without either the relay uses its first allowed experiment.
 */
export interface RelayPayload {
  format: typeof RELAY_FORMAT;
  experimentId?: string;
  experimentName?: string;
  traces: RelayTrace[];
}

/** One finished trace on the wire. */
export interface RelayTrace {
  traceId: string;
  tags?: Record<string, string>;
  metadata?: Record<string, string>;
  clientRequestId?: string;
  requestPreview?: string;
  responsePreview?: string;
  /** Exactly one span has `parentId: null`: the root. */
  spans: RelaySpan[];
}

/** One span on the wire. Times are epoch milliseconds (fractional). */
export interface RelaySpan {
  spanId: string;
  parentId: string | null;
  name: string;
  spanType: string;
  startTimeMs: number;
  /** Absent for a span that never ended (its trace was handed over without it). */
  endTimeMs?: number;
  status: { code: string; description?: string };
  inputs?: unknown;
  outputs?: unknown;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; timeMs: number; attributes: Record<string, unknown> }>;
}

function str(value: string): string {
  return JSON.stringify(value);
}

function spanText(span: LiveSpan): string {
  const events = span.events.map((e) => `{"name":${str(e.name)},"timeMs":${e.timeMs},"attributes":${safeStringify(e.attributes)}}`);
  return (
    `{"spanId":"${span.spanId}","parentId":${span.parentId === null ? "null" : `"${span.parentId}"`},` +
    `"name":${str(span.name)},"spanType":${str(span.spanType)},"startTimeMs":${span.startTimeMs},` +
    (span.endTimeMs !== undefined ? `"endTimeMs":${span.endTimeMs},` : "") +
    `"status":${JSON.stringify(span.status)},` +
    // inputs and outputs are already JSON text: spliced in, not parsed again
    (span.inputsJson !== undefined ? `"inputs":${span.inputsJson},` : "") +
    (span.outputsJson !== undefined ? `"outputs":${span.outputsJson},` : "") +
    `"attributes":${safeStringify(span.attributes)},"events":[${events.join(",")}]}`
  );
}

/** One finished trace as relay JSON text (a {@link RelayTrace}). */
export function encodeRelayTrace(trace: FinishedTrace): string {
  const u = trace.updates;
  const optional = (key: string, value: string | undefined) => (value === undefined ? "" : `${str(key)}:${str(value)},`);
  return (
    `{"traceId":"${trace.traceId}","tags":${JSON.stringify(u.tags)},"metadata":${JSON.stringify(u.metadata)},` +
    optional("clientRequestId", u.clientRequestId) +
    optional("requestPreview", u.requestPreview) +
    optional("responsePreview", u.responsePreview) +
    `"spans":[${trace.spans.map(spanText).join(",")}]}`
  );
}

/** A whole relay payload around traces already encoded with {@link encodeRelayTrace}. */
export function relayPayloadText(traceTexts: readonly string[], experiment: { experimentId?: string; experimentName?: string }): string {
  const head =
    experiment.experimentId !== undefined
      ? `"experimentId":${str(experiment.experimentId)},`
      : experiment.experimentName !== undefined
        ? `"experimentName":${str(experiment.experimentName)},`
        : "";
  return `{"format":"${RELAY_FORMAT}",${head}"traces":[${traceTexts.join(",")}]}`;
}
