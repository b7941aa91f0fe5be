import { AsyncLocalStorage } from "node:async_hooks";
import type { ContextManager, LiveSpan } from "@kong-mlflow/core";

/**
 * Carries the active span with Node's AsyncLocalStorage, so spans nest
 * across `await`, timers and callbacks.
 *
 * On Node 20, AsyncLocalStorage switches on a process-wide promise hook the
 * first time a store is entered, and every promise pays for it from then on.
 * So a store is entered only by `withSpan` / `trace` (manual spans); a traced
 * OpenAI call only reads the store, which switches nothing on.
 */
export class AsyncLocalStorageContextManager implements ContextManager {
  private readonly storage = new AsyncLocalStorage<LiveSpan>();

  active(): LiveSpan | undefined {
    return this.storage.getStore();
  }

  with<T>(span: LiveSpan, fn: () => T): T {
    return this.storage.run(span, fn);
  }
}
