import type { ContextManager, LiveSpan } from "@kong-mlflow/core";
import { warnOnce } from "@kong-mlflow/core/internal";

/** The warning given once when a span may have lost its parent across `await`. */
export const LOST_CONTEXT_WARNING =
  "a span started a new trace while a traced async function was pending: without AsyncLocalStorage (browsers) the active span is lost at `await`. " +
  "Nest with { parent: span } or withActiveSpan(span, fn).";

/**
 * The context where the runtime has no AsyncLocalStorage: the active span is
 * the one whose `withSpan` / `trace` callback is on the call stack right now,
 * so it is exact for synchronous code and never survives an `await`. After an
 * `await`, a span started without `parent` becomes the root of a new trace:
 * it is never attached to a wrong parent (with two traces interleaved, the
 * span that happens to be "current" after an await could belong to either).
 *
 * It watches for the case where that split is probably unwanted: a span
 * started with nothing on the stack while a traced async function is still
 * pending. Then it warns once ({@link LOST_CONTEXT_WARNING}).
 */
export function callStackContext(): ContextManager {
  let current: LiveSpan | undefined;
  /** Traced async functions still pending. */
  let pending = 0;
  const settled = () => void pending--;
  return {
    active() {
      if (current === undefined && pending > 0) warnOnce("edge:lost-context", LOST_CONTEXT_WARNING);
      return current;
    },
    with(span, fn) {
      const previous = current;
      current = span;
      let result;
      try {
        result = fn();
      } finally {
        current = previous;
      }
      // Only native promises are watched: calling then() on another thenable could start its work twice.
      if (result instanceof Promise) {
        pending++;
        result.then(settled, settled);
      }
      return result;
    },
  };
}
