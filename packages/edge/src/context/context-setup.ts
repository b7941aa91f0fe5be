import { type LiveSpan, setContextManager } from "@kong-mlflow/core";
import { runtime } from "@kong-mlflow/core/internal";
import { type AsyncLocalStorageClass, FOLLOWS_AWAIT, asyncLocalStorageContext } from "./async-local-storage-context-manager";
import { callStackContext } from "./call-stack-context-manager";
import { findAsyncLocalStorage } from "./find-async-local-storage";

/** Installs the best context this runtime allows; the edge package calls it on import. @internal */
export function installDefaultContext(): void {
  const AsyncLocalStorage = findAsyncLocalStorage();
  setContextManager(AsyncLocalStorage ? asyncLocalStorageContext(AsyncLocalStorage) : callStackContext());
}

/**
 * Makes spans follow `await` with the AsyncLocalStorage class you pass, for
 * runtimes where it cannot be found on its own (Cloudflare Workers with the
 * `nodejs_als` flag only).
 *
 * @example
 * import { AsyncLocalStorage } from "node:async_hooks";
 * useAsyncLocalStorage(AsyncLocalStorage);
 */
export function useAsyncLocalStorage(AsyncLocalStorage: AsyncLocalStorageClass): void {
  setContextManager(asyncLocalStorageContext(AsyncLocalStorage));
}

/**
 * True when the active span survives `await` here (AsyncLocalStorage found),
 * false where only the call stack carries it (browsers): after an `await`,
 * nest explicitly with `parent` or {@link withActiveSpan}.
 */
export function spansFollowAwait(): boolean {
  return (runtime().contextManager as { [FOLLOWS_AWAIT]?: boolean })[FOLLOWS_AWAIT] === true;
}

/**
 * Runs `fn` with `span` as the active span, without starting or ending any
 * span: spans and traced OpenAI calls that `fn` starts synchronously nest
 * under it. This is how to nest after an `await` in browsers.
 *
 * @example
 * await withSpan({ name: "chat" }, async (span) => {
 *   const plan = await makePlan();
 *   return withActiveSpan(span, () => client.chat.completions.create({ model, messages: plan }));
 * });
 */
export function withActiveSpan<T>(span: LiveSpan, fn: () => T): T {
  return runtime().contextManager.with(span, fn);
}
