import type { ContextManager, LiveSpan } from "@kong-mlflow/core";

/** The part of `AsyncLocalStorage` (Node, Vercel Edge, workerd, Deno, Bun) the context needs. */
export interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

/** An `AsyncLocalStorage` class, e.g. the one `node:async_hooks` exports. */
export type AsyncLocalStorageClass = new <T>() => AsyncLocalStorageLike<T>;

/** Marks the context managers made here: with them the active span survives `await`. */
export const FOLLOWS_AWAIT = Symbol.for("kong-mlflow.edge.follows-await");

/**
 * A context that carries the active span with the runtime's
 * AsyncLocalStorage, so spans nest across `await` and two requests
 * interleaved in one isolate stay apart. Only `withSpan` / `trace` enter a
 * store; reading the active span switches nothing on.
 */
export function asyncLocalStorageContext(AsyncLocalStorage: AsyncLocalStorageClass): ContextManager {
  const storage = new AsyncLocalStorage<LiveSpan>();
  return { [FOLLOWS_AWAIT]: true, active: () => storage.getStore(), with: (span, fn) => storage.run(span, fn) } as ContextManager;
}
