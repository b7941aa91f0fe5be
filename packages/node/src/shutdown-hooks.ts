import { flushTraces, getExportDiagnostics } from "@kong-mlflow/core";

const INSTALLED = Symbol.for("kong-mlflow.node.shutdown-hooks");

function pending(): boolean {
  const d = getExportDiagnostics();
  return d.queued > 0 || d.inFlight > 0;
}

/**
 * Flushes for at most `timeoutMs`, holding the event loop open meanwhile:
 * the exporter's own timers are unref'd, so without this a flush that waits
 * out a retry backoff would let the process end in the middle of it.
 */
function boundedFlush(timeoutMs: number): Promise<void> {
  const keepAlive = setInterval(() => {}, 60_000);
  return flushTraces(timeoutMs).finally(() => clearInterval(keepAlive));
}

/**
 * Flushes traces when the process is about to end, bounded by `timeoutMs`:
 * - on `beforeExit` (the event loop ran dry), when traces are still waiting.
 *   Once per batch of new traces: traces that could not be delivered in time
 *   (MLflow down) do not start another flush, so the process still ends;
 * - on SIGTERM and SIGINT. When no other handler listens for the signal, the
 *   process then ends as it would have without us (the signal is re-raised);
 *   otherwise the app's own handler decides.
 * Nothing here keeps an idle process alive for longer than `timeoutMs`.
 * `process.exit()` cannot wait for anything: call `await flushTraces()` before it.
 */
export function installShutdownHooks(timeoutMs: number): void {
  const proc = process as NodeJS.Process & { [INSTALLED]?: { timeoutMs: number } };
  if (proc[INSTALLED]) {
    proc[INSTALLED].timeoutMs = timeoutMs;
    return;
  }
  const state = { timeoutMs };
  proc[INSTALLED] = state;

  // `enqueued` when the last beforeExit flush started: `beforeExit` fires again
  // whenever the loop runs dry, and retrying undeliverable traces on every one
  // would keep the process alive for ever.
  let flushedUpTo = -1;
  process.on("beforeExit", () => {
    const enqueued = getExportDiagnostics().enqueued;
    if (!pending() || enqueued === flushedUpTo) return;
    flushedUpTo = enqueued;
    void boundedFlush(state.timeoutMs);
  });

  const onSignal = (signal: NodeJS.Signals) => {
    const othersListen = process.listenerCount(signal) > 1;
    void boundedFlush(state.timeoutMs).finally(() => {
      if (othersListen) return;
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
