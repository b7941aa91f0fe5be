import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import type { FinishedTrace, TraceUpdates } from "./finished-trace";
import { TRACE_ID_PREFIX } from "./ids";
import type { RecordingPolicy } from "./recording-policy";
import type { LiveSpan, SpanOwner } from "./span";

const EARLY_TRACE_LIMIT = 1000;

/** Hands a finished trace to the exporter, or keeps it until `init()`. @internal */
export function onTraceFinished(trace: FinishedTrace): void {
  const rt = runtime();
  rt.lastTraceId = trace.traceId;
  if (rt.options?.enabled === false) return;
  if (rt.pipeline) return rt.pipeline.enqueue(trace);
  if (rt.early.length < EARLY_TRACE_LIMIT) rt.early.push(trace);
  warnOnce("no-init", "a trace ended before init(): kept (up to 1000) for init() to export.");
}

/**
 * The spans of one trace while it is being recorded. The trace is finished
 * when its root span has ended and no child is still open (a stream that
 * outlives the function that returned it keeps the trace open until it ends);
 * a sampled trace then goes, as it is, to {@link onTraceFinished}.
 * @internal
 */
export class TraceState implements SpanOwner {
  // set by the constructor (`declare`: no field definitions emitted for them)
  declare readonly otelTraceId: string;
  declare readonly policy: RecordingPolicy;
  /** MLflow trace id, `tr-` + the OpenTelemetry trace id. */
  declare readonly traceId: string;
  /** Every span, root first, in start order. */
  readonly spans: LiveSpan[] = [];
  readonly updates: TraceUpdates = { tags: {}, metadata: {} };
  /** The first span added: the tracer creates a trace state for a new root span. */
  root: LiveSpan | undefined;
  /** True once the trace was handed to the exporter. */
  isFinished = false;
  #open = 0;

  constructor(otelTraceId: string, policy: RecordingPolicy) {
    this.otelTraceId = otelTraceId;
    this.policy = policy;
    this.traceId = TRACE_ID_PREFIX + otelTraceId;
  }

  addSpan(span: LiveSpan): void {
    this.root ??= span;
    this.spans.push(span);
    this.#open++;
  }

  onSpanEnd(): void {
    if (--this.#open <= 0) this.forceFinish();
  }

  /** The `serialize` limits given to `init()`, read when a value is recorded. */
  serializeLimits(): { maxBytes?: number; maxStringLength?: number } | undefined {
    return runtime().options?.serialize;
  }

  /** Hands the trace to the exporter now (once its root span has ended), even if some children are still open. */
  forceFinish(): void {
    if (this.isFinished || !this.root?.ended) return;
    this.isFinished = true;
    if (this.policy.sampled) onTraceFinished(this as FinishedTrace);
  }
}
