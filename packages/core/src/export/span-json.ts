import { SpanAttributeKey } from "../tracing/exporter-keys";
import { expandGatewayRecord } from "../gateway/expand-gateway-record";
import { msToNs } from "../tracing/clock";
import { hexToBase64 } from "../tracing/hex-to-base64";
import type { LiveSpan } from "../tracing/span";
import { encodeAttribute } from "./encode-attribute";

/**
 * One span in MLflow's `traces.json` form (Python `Span.to_dict`): base64
 * ids, nanosecond integer timestamps, every attribute value JSON-encoded.
 * Built as text so that nanosecond timestamps stay exact integers.
 */
export function spanToJson(span: LiveSpan, otelTraceIdBase64: string): string {
  const attributes: Record<string, string> = {
    [SpanAttributeKey.TRACE_ID]: JSON.stringify(span.traceId),
    [SpanAttributeKey.SPAN_TYPE]: JSON.stringify(span.spanType),
  };
  if (span.inputsJson !== undefined) attributes[SpanAttributeKey.INPUTS] = span.inputsJson;
  if (span.outputsJson !== undefined) attributes[SpanAttributeKey.OUTPUTS] = span.outputsJson;
  const raw = expandGatewayRecord(span.attributes);
  for (const key in raw) attributes[key] = encodeAttribute(raw[key]);

  const endMs = span.endTimeMs ?? span.startTimeMs;
  const events = span.events.map(
    (e) =>
      `{"name":${JSON.stringify(e.name)},"time_unix_nano":${msToNs(e.timeMs)},"attributes":${encodeEventAttributes(e.attributes)}}`,
  );
  const status = span.status;
  return (
    `{"trace_id":"${otelTraceIdBase64}","span_id":"${hexToBase64(span.spanId)}",` +
    `"parent_span_id":${span.parentId === null ? "null" : `"${hexToBase64(span.parentId)}"`},` +
    `"name":${JSON.stringify(span.name)},` +
    `"start_time_unix_nano":${msToNs(span.startTimeMs)},"end_time_unix_nano":${msToNs(endMs)},` +
    `"status":{"code":"${status.code}","message":${JSON.stringify(status.description ?? "")}},` +
    `"attributes":${JSON.stringify(attributes)},"events":[${events.join(",")}]}`
  );
}

/** Event attributes keep raw values (as OpenTelemetry and MLflow write them). */
function encodeEventAttributes(attributes: Record<string, unknown>): string {
  const out: Record<string, unknown> = {};
  for (const key in attributes) {
    const v = attributes[key];
    out[key] = typeof v === "string" || typeof v === "number" || typeof v === "boolean" ? v : encodeAttribute(v);
  }
  return JSON.stringify(out);
}

/** The spans of a trace as `traces.json` text, and each span's size in bytes. */
export function traceDataJson(spans: readonly LiveSpan[], otelTraceId: string): { json: string; spanTexts: string[] } {
  const id64 = hexToBase64(otelTraceId);
  const spanTexts = spans.map((s) => spanToJson(s, id64));
  return { json: `{"spans":[${spanTexts.join(",")}]}`, spanTexts };
}
