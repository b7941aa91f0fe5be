import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import { nsToMs } from "./clock";
import type { FinishedTrace } from "./finished-trace";
import { newOtelTraceId, newSpanId, toMlflowTraceId } from "./ids";
import { RECORD_ALL, type RecordingPolicy } from "./recording-policy";
import { LiveSpan } from "./span";
import { SpanType } from "./span-type";
import { TraceState } from "./trace-state";

/** Options shared by `startSpan`, `withSpan` and `trace`. */
export interface SpanOptions {
  /** The span's name. */
  name?: string;
  /** The span type; default `UNKNOWN` (`trace()` and `withSpan()` too). */
  spanType?: SpanType;
  /** Inputs to record at start. */
  inputs?: unknown;
  /** Attributes to set at start. */
  attributes?: Record<string, unknown>;
  /** Start time in epoch nanoseconds; default now. */
  startTimeNs?: number | bigint;
  /** Parent span; default the active span. Pass `null` to start a new trace. */
  parent?: LiveSpan | null;
}

const EARLY_TRACE_LIMIT = 1000;

/** Hands a finished trace to the exporter, or keeps it until `init()`. @internal */
export function onTraceFinished(trace: FinishedTrace): void {
  const rt = runtime();
  rt.lastTraceId = trace.traceId;
  if (rt.options && !rt.options.enabled) return;
  if (rt.pipeline) {
    rt.pipeline.enqueue(trace);
    return;
  }
  if (rt.early.length < EARLY_TRACE_LIMIT) rt.early.push(trace);
  warnOnce("no-init", "a trace finished before init() was called; it is kept (up to 1000) and exported once init() runs.");
}

/** The recording policy of a trace starting now: sampling is decided here, once per trace. */
function policyForNewTrace(): RecordingPolicy {
  const options = runtime().options;
  if (!options) return RECORD_ALL;
  const sampled = options.sampleRate >= 1 || (options.sampleRate > 0 && Math.random() < options.sampleRate);
  if (sampled && options.recordInputs && options.recordOutputs && !options.mask) return RECORD_ALL;
  return { sampled, inputs: options.recordInputs, outputs: options.recordOutputs, mask: options.mask };
}

function serializeLimits() {
  return runtime().options?.serialize;
}

/** A span name as a string, whatever the caller passed. */
function spanName(name: unknown, fallback: string): string {
  if (typeof name === "string" && name) return name;
  if (name === undefined || name === null || name === "") return fallback;
  try {
    return String(name);
  } catch {
    return fallback;
  }
}

/**
 * Creates a span: a child of `options.parent`, else of the active span, else
 * the root of a new trace. A parent whose trace was already exported starts
 * a new trace instead of producing an orphan. @internal
 */
export function createSpan(options: SpanOptions, defaultName: string): LiveSpan {
  const rt = runtime();
  const parent = options.parent === undefined ? rt.contextManager.active() : options.parent;
  let owner: TraceState;
  let parentId: string | null = null;
  const parentOwner = parent?._owner;
  if (parent && parentOwner instanceof TraceState && !parentOwner.isFinished) {
    owner = parentOwner;
    parentId = parent.spanId;
  } else {
    const otelTraceId = newOtelTraceId();
    owner = new TraceState(otelTraceId, toMlflowTraceId(otelTraceId), onTraceFinished, serializeLimits, policyForNewTrace());
  }
  const span = new LiveSpan({
    owner,
    spanId: newSpanId(),
    parentId,
    name: spanName(options.name, defaultName),
    spanType: options.spanType ?? SpanType.UNKNOWN,
    ...(options.startTimeNs !== undefined ? { startTimeMs: nsToMs(options.startTimeNs) } : {}),
  });
  owner.addSpan(span);
  if (parentId === null) rt.onTraceStart?.(owner);
  if (options.inputs !== undefined) span.setInputs(options.inputs);
  if (options.attributes) span.setAttributes(options.attributes);
  return span;
}
