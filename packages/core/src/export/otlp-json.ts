import { SpanAttributeKey, TraceMetadataKey, TraceTagKey } from "../tracing/exporter-keys";
import { expandGatewayRecord } from "../gateway/expand-gateway-record";
import { msToNs } from "../tracing/clock";
import type { FinishedTrace } from "../tracing/finished-trace";
import type { LiveSpan } from "../tracing/span";
import { SpanStatusCode } from "../tracing/span-status";
import { encodeAttribute } from "./encode-attribute";

/** Root-span attribute prefix that MLflow's OTLP ingestion turns into trace tags. */
export const TRACE_TAG_ATTRIBUTE_PREFIX = "mlflow.traceTag.";

const STATUS: Record<string, number> = { [SpanStatusCode.UNSET]: 0, [SpanStatusCode.OK]: 1, [SpanStatusCode.ERROR]: 2 };

/** `{"key":"<key>","value":` for the keys seen so far (attribute keys repeat on every span). */
const keyPrefixes = new Map<string, string>();
const MAX_CACHED_KEYS = 1000;

function keyPrefix(key: string): string {
  let prefix = keyPrefixes.get(key);
  if (prefix === undefined) {
    prefix = `{"key":${JSON.stringify(key)},"value":`;
    if (keyPrefixes.size < MAX_CACHED_KEYS) keyPrefixes.set(key, prefix);
  }
  return prefix;
}

/** Epoch ms as an integer count of epoch nanoseconds, in decimal: what `msToNs` gives, without BigInt arithmetic. */
function nanosText(ms: number): string {
  const us = Math.round(ms * 1000);
  return Number.isSafeInteger(us) && us > 0 ? `${us}000` : String(msToNs(ms));
}

/** One OTLP/JSON attribute. Strings go raw; objects as JSON text, which MLflow decodes. */
function attribute(key: string, value: unknown): string {
  switch (typeof value) {
    case "string":
      return `${keyPrefix(key)}{"stringValue":${JSON.stringify(value)}}}`;
    case "boolean":
      return `${keyPrefix(key)}{"boolValue":${value}}}`;
    case "number":
      if (Number.isInteger(value)) return `${keyPrefix(key)}{"intValue":"${value}"}}`;
      if (Number.isFinite(value)) return `${keyPrefix(key)}{"doubleValue":${value}}}`;
      return `${keyPrefix(key)}{"stringValue":"${String(value)}"}}`;
    default:
      return jsonTextAttribute(key, encodeAttribute(value));
  }
}

function jsonTextAttribute(key: string, json: string): string {
  return `${keyPrefix(key)}{"stringValue":${JSON.stringify(json)}}}`;
}

/** Attributes MLflow's OTLP path reads as trace-level data, set on the root span. */
function traceLevelAttributes(trace: FinishedTrace): string[] {
  const out: string[] = [];
  const tags: Record<string, string> = { [TraceTagKey.TRACE_NAME]: trace.root.name, ...trace.updates.tags };
  for (const [k, v] of Object.entries(tags)) out.push(attribute(TRACE_TAG_ATTRIBUTE_PREFIX + k, v));
  const session = trace.updates.metadata[TraceMetadataKey.SESSION];
  const user = trace.updates.metadata[TraceMetadataKey.USER];
  if (session !== undefined) out.push(attribute("session.id", session));
  if (user !== undefined) out.push(attribute("user.id", user));
  return out;
}

function spanJson(span: LiveSpan, otelTraceId: string, extra: string[]): string {
  const attrs: string[] = [attribute(SpanAttributeKey.TRACE_ID, span.traceId), attribute(SpanAttributeKey.SPAN_TYPE, span.spanType)];
  if (span.inputsJson !== undefined) attrs.push(jsonTextAttribute(SpanAttributeKey.INPUTS, span.inputsJson));
  if (span.outputsJson !== undefined) attrs.push(jsonTextAttribute(SpanAttributeKey.OUTPUTS, span.outputsJson));
  const raw = expandGatewayRecord(span.attributes);
  for (const key in raw) attrs.push(attribute(key, raw[key]));
  attrs.push(...extra);
  const events = span.events.map((e) => {
    const ea: string[] = [];
    for (const key in e.attributes) ea.push(attribute(key, e.attributes[key]));
    return `{"timeUnixNano":"${nanosText(e.timeMs)}","name":${JSON.stringify(e.name)},"attributes":[${ea.join(",")}]}`;
  });
  const status = span.status;
  return (
    `{"traceId":"${otelTraceId}","spanId":"${span.spanId}",${span.parentId ? `"parentSpanId":"${span.parentId}",` : ""}` +
    `"name":${JSON.stringify(span.name)},"kind":1,` +
    `"startTimeUnixNano":"${nanosText(span.startTimeMs)}","endTimeUnixNano":"${nanosText(span.endTimeMs ?? span.startTimeMs)}",` +
    `"attributes":[${attrs.join(",")}],"events":[${events.join(",")}],` +
    `"status":{"code":${STATUS[status.code] ?? 0}${status.description ? `,"message":${JSON.stringify(status.description)}` : ""}}}`
  );
}

/**
 * An OTLP/JSON `ExportTraceServiceRequest` carrying every span of many
 * traces, with the trace-level data MLflow's OTLP ingestion understands
 * (tags including `mlflow.traceName`, session, user) on each root span.
 * IDs are lowercase hex and keys camelCase, as MLflow requires.
 */
export function otlpJson(traces: readonly FinishedTrace[]): string {
  const spans: string[] = [];
  for (const trace of traces) {
    const rootExtra = traceLevelAttributes(trace);
    for (const span of trace.spans) spans.push(spanJson(span, trace.otelTraceId, span === trace.root ? rootExtra : []));
  }
  return (
    `{"resourceSpans":[{"resource":{"attributes":[{"key":"service.name","value":{"stringValue":"kong-mlflow"}}]},` +
    `"scopeSpans":[{"scope":{"name":"kong-mlflow"},"spans":[${spans.join(",")}]}]}]}`
  );
}

/**
 * True when a trace carries data OTLP cannot set (metadata other than
 * session and user, a client request id, preview overrides), so it also
 * needs a StartTraceV3 call.
 */
export function needsTraceInfoCall(trace: FinishedTrace): boolean {
  const u = trace.updates;
  if (u.clientRequestId !== undefined || u.requestPreview !== undefined || u.responsePreview !== undefined) return true;
  for (const key of Object.keys(u.metadata)) if (key !== TraceMetadataKey.SESSION && key !== TraceMetadataKey.USER) return true;
  return false;
}
