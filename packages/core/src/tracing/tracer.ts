import { runtime } from "../runtime/runtime";
import { nsToMs } from "./clock";
import { newOtelTraceId, newSpanId } from "./ids";
import { RECORD_ALL, type RecordingPolicy } from "./recording-policy";
import { LiveSpan } from "./span";
import { type SpanType, UNKNOWN_SPAN_TYPE } from "./span-type";
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

/** The recording policy of a trace starting now: sampling is decided here, once per trace. */
function policyForNewTrace(): RecordingPolicy {
  const options = runtime().options;
  if (!options) return RECORD_ALL;
  const sampled = options.sampleRate >= 1 || (options.sampleRate > 0 && Math.random() < options.sampleRate);
  if (sampled && options.recordInputs && options.recordOutputs && !options.mask) return RECORD_ALL;
  return { sampled, inputs: options.recordInputs, outputs: options.recordOutputs, mask: options.mask };
}

/** A span name as a string, whatever the caller passed. */
function spanName(name: unknown, fallback: string): string {
  if (typeof name === "string") return name || fallback;
  try {
    return name == null ? fallback : String(name);
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
    owner = new TraceState(newOtelTraceId(), policyForNewTrace());
  }
  const span = new LiveSpan({
    owner,
    spanId: newSpanId(),
    parentId,
    name: spanName(options.name, defaultName),
    spanType: options.spanType ?? UNKNOWN_SPAN_TYPE,
    startTimeMs: options.startTimeNs === undefined ? undefined : nsToMs(options.startTimeNs),
  });
  owner.addSpan(span);
  if (parentId === null) rt.onTraceStart?.(owner);
  if (options.inputs !== undefined) span.setInputs(options.inputs);
  if (options.attributes) span.setAttributes(options.attributes);
  return span;
}
