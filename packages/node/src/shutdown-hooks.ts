import { flushTraces, getExportDiagnostics } from "@kong-mlflow/core";
import { abandonRequests } from "./abandon-requests";

const INSTALLED = Symbol.for("kong-mlflow.node.shutdown-hooks");

function pending(): boolean {
  const d = getExportDiagnostics();
  return d.queued > 0 || d.inFlight > 0;
}

/** How long the traces of abandoned requests may take to be counted (their requests fail at once). */
const ABANDON_WAIT_MS = 1000;

/**
 * Flushes for at most `timeoutMs`, holding the event loop open meanwhile:
 * the exporter's own timers are unref'd, so without this a flush that waits
 * out a retry backoff would let the process end in the middle of it.
 * When time runs out with requests still in flight (an MLflow that never
 * answers), they are abandoned: aborted, and their traces counted as failed,
 * so their sockets do not hold the process for up to `requestTimeoutMs`.
 */
async function boundedFlush(timeoutMs: number): Promise<void> {
  const keepAlive = setInterval(() => {}, 60_000);
  try {
    await flushTraces(timeoutMs);
    if (getExportDiagnostics().inFlight > 0) {
      await abandonRequests(`the process is ending and its shutdown flush ran out (shutdownFlushTimeoutMs: ${timeoutMs})`, ABANDON_WAIT_MS);
    }
  } finally {
    clearInterval(keepAlive);
  }
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
