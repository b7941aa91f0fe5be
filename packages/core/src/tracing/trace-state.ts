import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import type { FinishedTrace, TraceUpdates } from "./finished-trace";
import { TRACE_ID_PREFIX } from "./ids";
import type { RecordingPolicy } from "./recording-policy";
import type { LiveSpan, SpanOwner } from "./span";

/**
 * The spans of one trace while it is being recorded. The trace is finished
 * when its root span has ended and no child is still open (a stream that
 * outlives the function that returned it keeps the trace open until it ends);
 * a sampled trace then goes, as it is, to the exporter (see {@link TraceState.forceFinish}).
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

  /**
   * Hands the trace to the exporter now (once its root span has ended), even
   * if some children are still open; before `init()`, up to 1000 traces are
   * kept for it.
   */
  forceFinish(): void {
    if (this.isFinished || !this.root?.ended) return;
    this.isFinished = true;
    if (!this.policy.sampled) return;
    const rt = runtime();
    rt.lastTraceId = this.traceId;
    if (rt.options?.enabled === false) return;
    if (rt.pipeline) return rt.pipeline.enqueue(this as FinishedTrace);
    if (rt.early.length < 1000) rt.early.push(this as FinishedTrace);
    warnOnce("no-init", "a trace ended before init(): up to 1000 are kept for it.");
  }
}
