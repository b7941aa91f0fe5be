import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import { SESSION_KEY, USER_KEY } from "../tracing/recorded-keys";
import { TraceState } from "../tracing/trace-state";

/** What {@link updateCurrentTrace} can set. */
export interface UpdateCurrentTraceOptions {
  /** Tags (mutable in MLflow later); merged into the trace's tags. */
  tags?: Record<string, string>;
  /** Metadata (immutable once logged); merged into the trace's metadata. */
  metadata?: Record<string, string>;
  /** Groups traces into a conversation in MLflow's Sessions view (`mlflow.trace.session`). */
  sessionId?: string;
  /** The end user (`mlflow.trace.user`). */
  user?: string;
  /** Your own request id, searchable in MLflow (at most 50 characters). */
  clientRequestId?: string;
  /** Overrides the request preview shown in the trace list. */
  requestPreview?: string;
  /** Overrides the response preview shown in the trace list. */
  responsePreview?: string;
}

/**
 * Sets trace-level data on the trace of the active span. Outside any span
 * it does nothing and warns once.
 */
export function updateCurrentTrace(options: UpdateCurrentTraceOptions): void {
  const state = runtime().contextManager.active()?._owner;
  if (!(state instanceof TraceState)) return warnOnce("update-no-span", "updateCurrentTrace() outside any span: nothing updated.");
  const u = state.updates;
  for (const map of ["tags", "metadata"] as const) for (const [k, v] of Object.entries(options[map] ?? {})) u[map][k] = String(v);
  if (options.sessionId !== undefined) u.metadata[SESSION_KEY] = options.sessionId;
  if (options.user !== undefined) u.metadata[USER_KEY] = options.user;
  for (const key of ["clientRequestId", "requestPreview", "responsePreview"] as const) if (options[key] !== undefined) u[key] = options[key];
}
