import type { FinishedTrace, TraceUpdates } from "./finished-trace";
import type { RecordingPolicy } from "./recording-policy";
import type { LiveSpan, SpanOwner } from "./span";

/**
 * The spans of one trace while it is being recorded. The trace is finished
 * when its root span has ended and no child is still open (a stream that
 * outlives the function that returned it keeps the trace open until it ends).
 * @internal
 */
export class TraceState implements SpanOwner {
  readonly traceId: string;
  readonly otelTraceId: string;
  readonly spans: LiveSpan[] = [];
  readonly updates: TraceUpdates = { tags: {}, metadata: {} };
  root: LiveSpan | undefined;
  private open = 0;
  private finished = false;

  constructor(
    otelTraceId: string,
    traceId: string,
    private readonly onFinish: (trace: FinishedTrace) => void,
    private readonly limits: () => { maxBytes?: number; maxStringLength?: number } | undefined,
    readonly policy: RecordingPolicy,
  ) {
    this.otelTraceId = otelTraceId;
    this.traceId = traceId;
  }

  /** True once the trace was handed to the exporter. */
  get isFinished(): boolean {
    return this.finished;
  }

  addSpan(span: LiveSpan): void {
    if (span.parentId === null && !this.root) this.root = span;
    this.spans.push(span);
    this.open++;
  }

  onSpanEnd(_span: LiveSpan): void {
    this.open--;
    if (this.root?.ended && this.open <= 0) this.finish();
  }

  serializeLimits(): { maxBytes?: number; maxStringLength?: number } | undefined {
    return this.limits();
  }

  /** Hands the trace to the exporter now, even if some children are still open. */
  forceFinish(): void {
    if (this.root?.ended) this.finish();
  }

  private finish(): void {
    if (this.finished || !this.root) return;
    this.finished = true;
    if (!this.policy.sampled) return;
    this.onFinish({
      traceId: this.traceId,
      otelTraceId: this.otelTraceId,
      root: this.root,
      spans: this.spans,
      updates: this.updates,
    });
  }
}
