import { KongMlflowError } from "../errors";
import type { SerializeLimits } from "../serialize";
import type { FinishedTrace, TraceUpdates } from "../tracing/finished-trace";
import { LiveSpan, type SpanOwner } from "../tracing/span";
import { SpanStatusCode } from "../tracing/span-status";
import { RELAY_FORMAT } from "./relay-wire";

/** Bounds a relay enforces on what it accepts. */
export interface RelayLimits {
  /** Largest request body, in bytes. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Traces per request. Default 100. */
  maxTraces?: number;
  /** Spans per trace. Default 1000. */
  maxSpansPerTrace?: number;
}

/** {@link RelayLimits} with defaults applied. @internal */
export type ResolvedRelayLimits = Required<RelayLimits>;

/** Fills in the defaults of {@link RelayLimits}. @internal */
export function resolveRelayLimits(limits: RelayLimits = {}): ResolvedRelayLimits {
  return { maxBodyBytes: limits.maxBodyBytes ?? 1024 * 1024, maxTraces: limits.maxTraces ?? 100, maxSpansPerTrace: limits.maxSpansPerTrace ?? 1000 };
}

/** A relay payload that is refused; `status` is the HTTP status to answer (4xx). */
export class RelayPayloadError extends KongMlflowError {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.name = "RelayPayloadError";
    this.status = status;
  }
}

const TRACE_ID = /^tr-[0-9a-f]{32}$/;
const SPAN_ID = /^[0-9a-f]{16}$/;
const MAX_NAME = 1000;
const MAX_KEY = 250;
const MAX_TAG_VALUE = 8000;
const MAX_TEXT = 64 * 1024;
const MAX_MAP_KEYS = 200;
const MAX_EVENTS = 1000;
const STATUS_CODES = new Set<string>(Object.values(SpanStatusCode));

type Json = Record<string, unknown>;

function fail(path: string, problem: string): never {
  throw new RelayPayloadError(400, `${path}: ${problem}`);
}

function isObject(value: unknown): value is Json {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function object(value: unknown, path: string): Json {
  if (!isObject(value)) fail(path, `expected an object, got ${value === null ? "null" : Array.isArray(value) ? "an array" : typeof value}`);
  return value;
}

function string(value: unknown, path: string, max: number): string {
  if (typeof value !== "string") fail(path, `expected a string, got ${value === null ? "null" : typeof value}`);
  if (value.length > max) fail(path, `is ${value.length} characters long; at most ${max} are accepted`);
  return value;
}

function optionalString(value: unknown, path: string, max: number): string | undefined {
  return value === undefined ? undefined : string(value, path, max);
}

function time(value: unknown, path: string): number {
  if (typeof value !== "number" || !Number.isFinite(value) || value <= 0) fail(path, "expected epoch milliseconds (a positive number)");
  return value;
}

function stringMap(value: unknown, path: string): Record<string, string> {
  if (value === undefined) return {};
  const map = object(value, path);
  const keys = Object.keys(map);
  if (keys.length > MAX_MAP_KEYS) fail(path, `has ${keys.length} keys; at most ${MAX_MAP_KEYS} are accepted`);
  const out: Record<string, string> = {};
  for (const key of keys) {
    if (key.length === 0 || key.length > MAX_KEY) fail(`${path}.${key.slice(0, 40)}`, `keys must be 1 to ${MAX_KEY} characters long`);
    out[key] = string(map[key], `${path}.${key}`, MAX_TAG_VALUE);
  }
  return out;
}

function attributeMap(value: unknown, path: string): Json {
  const map = object(value ?? {}, path);
  const keys = Object.keys(map);
  if (keys.length > MAX_MAP_KEYS) fail(path, `has ${keys.length} keys; at most ${MAX_MAP_KEYS} are accepted`);
  for (const key of keys) if (key.length === 0 || key.length > MAX_KEY) fail(`${path}.${key.slice(0, 40)}`, `keys must be 1 to ${MAX_KEY} characters long`);
  return map;
}

/**
 * The owner of rebuilt spans: they are finished already, so ends are no-ops,
 * and they record what the client recorded (its sampling and masking ran there).
 */
function owner(traceId: string, limits: SerializeLimits | undefined): SpanOwner {
  const recordAll = { sampled: true, inputs: true, outputs: true, mask: undefined };
  const spanOwner = { traceId, otelTraceId: traceId.slice(3), onSpanEnd: () => undefined, serializeLimits: () => limits, policy: recordAll };
  return spanOwner;
}

function decodeSpan(raw: unknown, path: string, spanOwner: SpanOwner): LiveSpan {
  const s = object(raw, path);
  const spanId = string(s.spanId, `${path}.spanId`, 16);
  if (!SPAN_ID.test(spanId) || /^0+$/.test(spanId)) fail(`${path}.spanId`, `"${spanId}" is not 16 lowercase hex characters (and not all zero)`);
  let parentId: string | null = null;
  if (s.parentId !== null) {
    parentId = string(s.parentId, `${path}.parentId`, 16);
    if (!SPAN_ID.test(parentId)) fail(`${path}.parentId`, `"${parentId}" is not 16 lowercase hex characters (use null for the root span)`);
  }
  const name = string(s.name, `${path}.name`, MAX_NAME);
  const spanType = string(s.spanType, `${path}.spanType`, MAX_KEY);
  const startTimeMs = time(s.startTimeMs, `${path}.startTimeMs`);
  const endTimeMs = s.endTimeMs === undefined ? undefined : time(s.endTimeMs, `${path}.endTimeMs`);
  if (endTimeMs !== undefined && endTimeMs < startTimeMs) fail(`${path}.endTimeMs`, "is before startTimeMs");
  const status = object(s.status, `${path}.status`);
  const code = string(status.code, `${path}.status.code`, 32);
  if (!STATUS_CODES.has(code)) fail(`${path}.status.code`, `expected one of ${[...STATUS_CODES].join(", ")}`);
  const description = optionalString(status.description, `${path}.status.description`, MAX_TEXT);
  const attributes = attributeMap(s.attributes, `${path}.attributes`);
  const events = s.events ?? [];
  if (!Array.isArray(events)) fail(`${path}.events`, "expected an array");
  if (events.length > MAX_EVENTS) fail(`${path}.events`, `has ${events.length} events; at most ${MAX_EVENTS} are accepted`);

  const span = new LiveSpan(spanOwner, spanId, parentId, name, spanType, startTimeMs);
  if (s.inputs !== undefined) span.setInputs(s.inputs);
  if (s.outputs !== undefined) span.setOutputs(s.outputs);
  span.setAttributes(attributes);
  events.forEach((rawEvent, i) => {
    const e = object(rawEvent, `${path}.events[${i}]`);
    span.addEvent({
      name: string(e.name, `${path}.events[${i}].name`, MAX_NAME),
      timeMs: time(e.timeMs, `${path}.events[${i}].timeMs`),
      attributes: attributeMap(e.attributes, `${path}.events[${i}].attributes`),
    });
  });
  span.setStatus({ code: code as SpanStatusCode, ...(description ? { description } : {}) });
  // An ended span is never UNSET (end() makes it OK), as on the client.
  // microsecond precision, as every exporter writes span times
  if (endTimeMs !== undefined) span.end({ endTimeNs: BigInt(Math.round(endTimeMs * 1000)) * 1000n });
  return span;
}

function decodeTrace(raw: unknown, path: string, limits: ResolvedRelayLimits, serialize: SerializeLimits | undefined): FinishedTrace {
  const t = object(raw, path);
  const traceId = string(t.traceId, `${path}.traceId`, 35);
  if (!TRACE_ID.test(traceId)) fail(`${path}.traceId`, `"${traceId}" is not "tr-" followed by 32 lowercase hex characters`);
  const updates: TraceUpdates = { tags: stringMap(t.tags, `${path}.tags`), metadata: stringMap(t.metadata, `${path}.metadata`) };
  const clientRequestId = optionalString(t.clientRequestId, `${path}.clientRequestId`, 50);
  const requestPreview = optionalString(t.requestPreview, `${path}.requestPreview`, MAX_TEXT);
  const responsePreview = optionalString(t.responsePreview, `${path}.responsePreview`, MAX_TEXT);
  if (clientRequestId !== undefined) updates.clientRequestId = clientRequestId;
  if (requestPreview !== undefined) updates.requestPreview = requestPreview;
  if (responsePreview !== undefined) updates.responsePreview = responsePreview;

  if (!Array.isArray(t.spans) || t.spans.length === 0) fail(`${path}.spans`, "expected a non-empty array");
  if (t.spans.length > limits.maxSpansPerTrace) fail(`${path}.spans`, `has ${t.spans.length} spans; at most ${limits.maxSpansPerTrace} are accepted per trace`);
  const spanOwner = owner(traceId, serialize);
  const spans = t.spans.map((s, i) => decodeSpan(s, `${path}.spans[${i}]`, spanOwner));

  // One root, unique ids, every parent in this trace, every span reachable from the root.
  const byId = new Map<string, LiveSpan>();
  spans.forEach((s, i) => {
    if (byId.has(s.spanId)) fail(`${path}.spans[${i}].spanId`, `"${s.spanId}" appears twice`);
    byId.set(s.spanId, s);
  });
  const roots = spans.filter((s) => s.parentId === null);
  if (roots.length !== 1) fail(`${path}.spans`, `expected exactly one root span (parentId null), found ${roots.length}`);
  const children = new Map<string, LiveSpan[]>();
  spans.forEach((s, i) => {
    if (s.parentId === null) return;
    if (!byId.has(s.parentId)) fail(`${path}.spans[${i}].parentId`, `"${s.parentId}" is not a span of this trace`);
    children.set(s.parentId, [...(children.get(s.parentId) ?? []), s]);
  });
  const root = roots[0]!;
  const seen = new Set<string>([root.spanId]);
  const stack = [root];
  while (stack.length > 0) {
    for (const child of children.get(stack.pop()!.spanId) ?? []) {
      if (seen.has(child.spanId)) continue;
      seen.add(child.spanId);
      stack.push(child);
    }
  }
  if (seen.size !== spans.length) fail(`${path}.spans`, "some spans are not descendants of the root span (their parents form a cycle)");
  if (root.endTimeMs === undefined) fail(`${path}.spans`, "the root span has no endTimeMs: only finished traces are accepted");
  return { traceId, otelTraceId: traceId.slice(3), root, spans: [root, ...spans.filter((s) => s !== root)], updates };
}

/** What a valid payload asks for. @internal */
export interface DecodedRelayPayload {
  experimentId: string | undefined;
  experimentName: string | undefined;
  traces: FinishedTrace[];
}

/**
 * Validates a parsed relay payload and rebuilds its traces. Throws a
 * {@link RelayPayloadError} (400) naming the first problem by its path,
 * e.g. `traces[0].spans[2].parentId: "…" is not a span of this trace`.
 * @internal
 */
export function decodeRelayPayload(value: unknown, limits: ResolvedRelayLimits, serialize?: SerializeLimits): DecodedRelayPayload {
  const p = object(value, "payload");
  if (p.format !== RELAY_FORMAT) fail("format", `expected "${RELAY_FORMAT}", got ${JSON.stringify(p.format) ?? "nothing"}`);
  const experimentId = optionalString(p.experimentId, "experimentId", MAX_KEY);
  const experimentName = optionalString(p.experimentName, "experimentName", MAX_NAME);
  if (experimentId !== undefined && experimentName !== undefined) fail("experimentId", "give experimentId or experimentName, not both");
  if (!Array.isArray(p.traces) || p.traces.length === 0) fail("traces", "expected a non-empty array");
  if (p.traces.length > limits.maxTraces) fail("traces", `has ${p.traces.length} traces; at most ${limits.maxTraces} are accepted per request`);
  const traces = p.traces.map((t, i) => decodeTrace(t, `traces[${i}]`, limits, serialize));
  return { experimentId, experimentName, traces };
}
