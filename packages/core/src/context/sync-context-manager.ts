import type { LiveSpan } from "../tracing/span";
import type { ContextManager } from "./context-manager";

/**
 * The fallback context manager: the active span is whatever `with()` set,
 * for the synchronous part of the callback only. After the first `await`
 * inside an async callback, children must name their parent explicitly
 * (`startSpan({ parent })`). `@kong-mlflow/node` and `@kong-mlflow/edge`
 * install context managers that follow `await`.
 */
export class SyncContextManager implements ContextManager {
  #current: LiveSpan | undefined;

  active(): LiveSpan | undefined {
    return this.#current;
  }

  with<T>(span: LiveSpan, fn: () => T): T {
    const previous = this.#current;
    this.#current = span;
    try {
      return fn();
    } finally {
      this.#current = previous;
    }
  }
}
