import { warnOnce } from "../diagnostics/logger";
import { runtime } from "../runtime/runtime";
import { TraceMetadataKey } from "../tracing/attribute-keys";
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
  const span = runtime().contextManager.active();
  const state = span?._owner;
  if (!(state instanceof TraceState)) {
    warnOnce("update-no-span", "updateCurrentTrace() was called outside any span; nothing was updated.");
    return;
  }
  const u = state.updates;
  if (options.tags) for (const [k, v] of Object.entries(options.tags)) u.tags[k] = String(v);
  if (options.metadata) for (const [k, v] of Object.entries(options.metadata)) u.metadata[k] = String(v);
  if (options.sessionId !== undefined) u.metadata[TraceMetadataKey.SESSION] = options.sessionId;
  if (options.user !== undefined) u.metadata[TraceMetadataKey.USER] = options.user;
  if (options.clientRequestId !== undefined) u.clientRequestId = options.clientRequestId;
  if (options.requestPreview !== undefined) u.requestPreview = options.requestPreview;
  if (options.responsePreview !== undefined) u.responsePreview = options.responsePreview;
}
