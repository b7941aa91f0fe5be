import type { ContextManager, LiveSpan } from "@kong-mlflow/core";

interface AsyncLocalStorageLike<T> {
  getStore(): T | undefined;
  run<R>(store: T, fn: () => R): R;
}

type AsyncLocalStorageCtor = new <T>() => AsyncLocalStorageLike<T>;

/**
 * A context manager over the runtime's own `AsyncLocalStorage`, found on
 * `globalThis` (Vercel Edge; workerd with `nodejs_compat`), or undefined
 * when the runtime has none (browsers).
 */
export function globalAsyncLocalStorageContextManager(): ContextManager | undefined {
  const Ctor = (globalThis as { AsyncLocalStorage?: AsyncLocalStorageCtor }).AsyncLocalStorage;
  if (typeof Ctor !== "function") return undefined;
  const storage = new Ctor<LiveSpan>();
  return {
    active: () => storage.getStore(),
    with: (span, fn) => storage.run(span, fn),
  };
}
