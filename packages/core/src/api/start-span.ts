import type { LiveSpan } from "../tracing/span";
import { type SpanOptions, createSpan } from "../tracing/tracer";

/** Options of {@link startSpan}: a name is required. */
export interface StartSpanOptions extends SpanOptions {
  name: string;
}

/**
 * Starts a span that is NOT made active: nest under it by passing it as
 * `parent`, and call `span.end()` yourself. Its parent defaults to the active
 * span. Mirrors MLflow's `startSpan`.
 *
 * @example
 * const span = startSpan({ name: "retrieve", spanType: SpanType.RETRIEVER, inputs: { query } });
 * span.end({ outputs: docs });
 */
export function startSpan(options: StartSpanOptions): LiveSpan {
  return createSpan(options, "span");
}
