import { runtime, type TraceState } from "@kong-mlflow/core/internal";

/** A span still open when the page went away gets this status description. */
export const PAGE_CLOSED = "not ended: the page was closed while it ran";

/** Where the page's open traces are kept, on `globalThis` (shared by every copy of the package). @internal */
export const OPEN_TRACES = Symbol.for("kong-mlflow.edge.open-traces");

/**
 * Starts remembering every trace that starts, once per page: the set of them
 * (finished ones are forgotten as new ones arrive), or undefined when that
 * was done already. @internal
 */
export function trackOpenTraces(): Set<TraceState> | undefined {
  const host = globalThis as { [OPEN_TRACES]?: Set<TraceState> };
  if (host[OPEN_TRACES]) return undefined;
  const traces = (host[OPEN_TRACES] = new Set());
  runtime().onTraceStart = (trace) => {
    if (traces.size >= 64) for (const t of traces) if (t.isFinished) traces.delete(t);
    traces.add(trace);
  };
  return traces;
}

/**
 * Ends every span still open in an unfinished trace, as ERROR with
 * {@link PAGE_CLOSED} and `kong.unfinished: true`, children before parents,
 * so each trace finishes and goes to the export queue: a page that closes
 * mid-trace loses no span that had ended, and marks the ones that had not.
 * Returns how many spans it ended.
 */
export function endOpenSpans(traces: Iterable<TraceState>): number {
  let ended = 0;
  for (const trace of traces) {
    if (trace.isFinished) continue;
    for (const span of trace.spans.filter((s) => !s.ended).reverse()) {
      span.setAttribute("kong.unfinished", true).setStatus("ERROR", PAGE_CLOSED).end();
      ended++;
    }
    trace.forceFinish();
  }
  return ended;
}
