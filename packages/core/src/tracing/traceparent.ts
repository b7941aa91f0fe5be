import type { LiveSpan } from "./span";

/** The W3C `traceparent` header value that makes `span` the parent of the receiver's spans. */
export function traceparentOf(span: LiveSpan): string {
  return `00-${span.otelTraceId}-${span.spanId}-01`;
}
