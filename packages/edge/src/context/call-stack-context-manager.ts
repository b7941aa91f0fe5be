import type { ContextManager, LiveSpan } from "@kong-mlflow/core";
import { warnOnce } from "@kong-mlflow/core/internal";

/** The warning given once when a span may have lost its parent across `await`. */
export const LOST_CONTEXT_WARNING =
  "a span started with no active span while a traced async function was running. Without AsyncLocalStorage (browsers; workerd " +
  "without nodejs_compat) the active span does not survive `await`, so it starts a new trace. To nest it, pass { parent: span } " +
  'or use withActiveSpan(span, () => ...) (@kong-mlflow/edge README, "Context in browsers").';

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
export class CallStackContextManager implements ContextManager {
  #current: LiveSpan | undefined;
  /** Traced async functions still pending. */
  #pending = 0;

  active(): LiveSpan | undefined {
    if (this.#current === undefined && this.#pending > 0) warnOnce("edge:lost-context", LOST_CONTEXT_WARNING);
    return this.#current;
  }

  with<T>(span: LiveSpan, fn: () => T): T {
    const previous = this.#current;
    this.#current = span;
    let result: T;
    try {
      result = fn();
    } finally {
      this.#current = previous;
    }
    // Only native promises are watched: calling then() on another thenable could start its work twice.
    if (result instanceof Promise) {
      this.#pending++;
      const settled = () => void this.#pending--;
      result.then(settled, settled);
    }
    return result;
  }
}
