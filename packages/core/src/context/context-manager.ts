import type { LiveSpan } from "../tracing/span";

/**
 * Carries the active span across calls. `node` and `edge` provide
 * implementations (AsyncLocalStorage where the runtime has it); the core
 * default only follows synchronous calls.
 */
export interface ContextManager {
  /** The active span, if any. Must be cheap and must not switch on any async tracking. */
  active(): LiveSpan | undefined;
  /** Runs `fn` with `span` active, for `fn` and everything it starts (sync and async). */
  with<T>(span: LiveSpan, fn: () => T): T;
}
