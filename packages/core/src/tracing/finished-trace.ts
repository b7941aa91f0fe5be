import type { LiveSpan } from "./span";

/** Trace-level data the user set with `updateCurrentTrace`. */
export interface TraceUpdates {
  tags: Record<string, string>;
  metadata: Record<string, string>;
  clientRequestId?: string;
  requestPreview?: string;
  responsePreview?: string;
}

/** A trace whose root span has ended, ready for export. */
export interface FinishedTrace {
  /** `tr-` + 32 hex. */
  traceId: string;
  otelTraceId: string;
  root: LiveSpan;
  /** Every span, root first, in start order. */
  spans: LiveSpan[];
  updates: TraceUpdates;
}
