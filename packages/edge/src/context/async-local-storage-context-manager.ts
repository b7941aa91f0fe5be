import type { ContextManager, LiveSpan } from "@kong-mlflow/core";

/** The part of `AsyncLocalStorage` (Node, Vercel Edge, workerd, Deno, Bun) the context needs. */
export interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

/** An `AsyncLocalStorage` class, e.g. the one `node:async_hooks` exports. */
export type AsyncLocalStorageClass = new <T>() => AsyncLocalStorageLike<T>;

/**
 * Carries the active span with the runtime's AsyncLocalStorage, so spans nest
 * across `await` and two requests interleaved in one isolate stay apart.
 * Only `withSpan` / `trace` enter a store; reading the active span switches
 * nothing on.
 */
export class AsyncLocalStorageContextManager implements ContextManager {
  readonly #storage: AsyncLocalStorageLike<LiveSpan>;

  constructor(AsyncLocalStorage: AsyncLocalStorageClass) {
    this.#storage = new AsyncLocalStorage<LiveSpan>();
  }

  active(): LiveSpan | undefined {
    return this.#storage.getStore();
  }

  with<T>(span: LiveSpan, fn: () => T): T {
    return this.#storage.run(span, fn);
  }
}
