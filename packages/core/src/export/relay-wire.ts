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

/**
 * `head` as JSON text, with `rest` (`,"key":<JSON text>…`) added before its
 * closing brace: inputs, outputs and attributes are already JSON text (or
 * need the safe serializer), so they are spliced in, not parsed again.
 * `head` has at least one key.
 */
const spliced = (head: object, rest: string) => `${JSON.stringify(head).slice(0, -1)}${rest}}`;

/** `,"key":<json>`, or nothing when there is no value. */
const optional = (key: string, json: string | undefined) => (json === undefined ? "" : `,"${key}":${json}`);

const spanText = (s: LiveSpan) =>
  spliced(
    { spanId: s.spanId, parentId: s.parentId, name: s.name, spanType: s.spanType, startTimeMs: s.startTimeMs, endTimeMs: s.endTimeMs, status: s.status },
    optional("inputs", s.inputsJson) +
      optional("outputs", s.outputsJson) +
      `,"attributes":${safeStringify(s.attributes)},"events":[${s.events.map((e) => spliced({ name: e.name, timeMs: e.timeMs }, `,"attributes":${safeStringify(e.attributes)}`))}]`,
  );

/** One finished trace as relay JSON text (a {@link RelayTrace}). */
export function encodeRelayTrace(trace: FinishedTrace): string {
  // the updates are the trace's tags, metadata, clientRequestId and previews, as a RelayTrace names them
  return spliced({ traceId: trace.traceId, ...trace.updates }, `,"spans":[${trace.spans.map(spanText)}]`);
}

/**
 * A whole relay payload around traces already encoded with
 * {@link encodeRelayTrace}. `experiment` names at most one of the two.
 */
export function relayPayloadText(traceTexts: readonly string[], experiment: { experimentId?: string; experimentName?: string }): string {
  return spliced({ format: RELAY_FORMAT, ...experiment }, `,"traces":[${traceTexts}]`);
}
