import { runtime } from "../runtime/runtime";
import type { LiveSpan } from "../tracing/span";

/** The active span (set by `withSpan` / `trace`), or null outside any. */
export function getCurrentActiveSpan(): LiveSpan | null {
  return runtime().contextManager.active() ?? null;
}

/** The id of the trace that finished most recently in this process, if any. */
export function getLastActiveTraceId(): string | undefined {
  return runtime().lastTraceId;
}
