import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import type { FinishedTrace, TraceUpdates } from "./finished-trace";
import { toMlflowTraceId } from "./ids";
import type { RecordingPolicy } from "./recording-policy";
import type { LiveSpan, SpanOwner } from "./span";

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

/**
 * The spans of one trace while it is being recorded. The trace is finished
 * when its root span has ended and no child is still open (a stream that
 * outlives the function that returned it keeps the trace open until it ends);
 * a sampled trace then goes to {@link onTraceFinished}.
 * @internal
 */
export class TraceState implements SpanOwner {
  /** MLflow trace id, `tr-` + the OpenTelemetry trace id. */
  readonly traceId: string;
  readonly spans: LiveSpan[] = [];
  readonly updates: TraceUpdates = { tags: {}, metadata: {} };
  root: LiveSpan | undefined;
  private open = 0;
  private finished = false;

  constructor(
    readonly otelTraceId: string,
    readonly policy: RecordingPolicy,
  ) {
    this.traceId = toMlflowTraceId(otelTraceId);
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

  onSpanEnd(): void {
    this.open--;
    if (this.open <= 0) this.forceFinish();
  }

  /** The `serialize` limits given to `init()`, read when a value is recorded. */
  serializeLimits(): { maxBytes?: number; maxStringLength?: number } | undefined {
    return runtime().options?.serialize;
  }

  /** Hands the trace to the exporter now (once its root span has ended), even if some children are still open. */
  forceFinish(): void {
    const root = this.root;
    if (this.finished || !root?.ended) return;
    this.finished = true;
    if (this.policy.sampled) {
      onTraceFinished({ traceId: this.traceId, otelTraceId: this.otelTraceId, root, spans: this.spans, updates: this.updates });
    }
  }
}
