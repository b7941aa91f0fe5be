import { runtime } from "../runtime/runtime";
import { epochMs } from "./clock";
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
  // Math.random() < 0 is never true: a rate of 0 samples nothing
  const sampled = options.sampleRate >= 1 || Math.random() < options.sampleRate;
  if (sampled && options.recordInputs && options.recordOutputs && !options.mask) return RECORD_ALL;
  return { sampled, inputs: options.recordInputs, outputs: options.recordOutputs, mask: options.mask };
}

/** A span name as a string, whatever the caller passed. */
function spanName(name: unknown, fallback: string): string {
  try {
    return name == null || name === "" ? fallback : String(name);
  } catch {
    return fallback;
  }
}

/**
 * Creates a span: a child of `options.parent`, else of the active span, else
 * the root of a new trace. A parent whose trace was already exported starts
 * a new trace instead of producing an orphan. `inputs` overrides
 * `options.inputs` (`trace()` passes the call's arguments). @internal
 */
export function createSpan(options: SpanOptions, defaultName: string, inputs = options.inputs): LiveSpan {
  const rt = runtime();
  const parent = options.parent === undefined ? rt.contextManager.active() : options.parent;
  const parentOwner = parent?._owner;
  const isChild = parentOwner instanceof TraceState && !parentOwner.isFinished;
  const owner = isChild ? parentOwner : new TraceState(newOtelTraceId(), policyForNewTrace());
  const span = new LiveSpan(
    owner,
    newSpanId(),
    isChild ? parent!.spanId : null,
    spanName(options.name, defaultName),
    options.spanType ?? UNKNOWN_SPAN_TYPE,
    epochMs(options.startTimeNs),
  );
  owner.addSpan(span);
  if (!isChild) {
    // the export code loads while the first trace runs (ADR 0011)
    rt.pipeline?.prepare?.();
    rt.onTraceStart?.(owner);
  }
  if (inputs !== undefined) span.setInputs(inputs);
  if (options.attributes) span.setAttributes(options.attributes);
  return span;
}
