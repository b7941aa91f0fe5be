import type { ExportDiagnostics } from "../export/export-pipeline";
import { runtime } from "../runtime/runtime";

/**
 * Waits until every finished trace was delivered to MLflow (or reported as
 * failed), for at most `timeoutMs` (default 30 s). Never rejects. Call it
 * before a short-lived process or a serverless handler ends.
 */
export async function flushTraces(timeoutMs?: number): Promise<void> {
  await runtime().pipeline?.flush(timeoutMs);
}

/** Export counters since `init()`: exported, failed, dropped, retried, queued, in flight. */
export function getExportDiagnostics(): ExportDiagnostics {
  return (
    runtime().pipeline?.diagnostics() ?? { enqueued: 0, exported: 0, failed: 0, dropped: 0, retried: 0, queued: runtime().early.length, queuedBytes: 0, inFlight: 0 }
  );
}
