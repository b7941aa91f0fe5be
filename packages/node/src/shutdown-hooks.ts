import { flushTraces, getExportDiagnostics } from "@kong-mlflow/core";

const INSTALLED = Symbol.for("kong-mlflow.node.shutdown-hooks");

function pending(): boolean {
  const d = getExportDiagnostics();
  return d.queued > 0 || d.inFlight > 0;
}

/**
 * Flushes traces when the process is about to end, bounded by `timeoutMs`:
 * - on `beforeExit` (the event loop ran dry), when traces are still waiting;
 * - on SIGTERM and SIGINT. When no other handler listens for the signal, the
 *   process then ends as it would have without us (the signal is re-raised);
 *   otherwise the app's own handler decides.
 * Nothing here keeps an idle process alive. `process.exit()` cannot wait for
 * anything: call `await flushTraces()` before it.
 */
export function installShutdownHooks(timeoutMs: number): void {
  const proc = process as NodeJS.Process & { [INSTALLED]?: { timeoutMs: number } };
  if (proc[INSTALLED]) {
    proc[INSTALLED].timeoutMs = timeoutMs;
    return;
  }
  const state = { timeoutMs };
  proc[INSTALLED] = state;

  process.on("beforeExit", () => {
    if (pending()) void flushTraces(state.timeoutMs);
  });

  const onSignal = (signal: NodeJS.Signals) => {
    const othersListen = process.listenerCount(signal) > 1;
    void flushTraces(state.timeoutMs).finally(() => {
      if (othersListen) return;
      process.removeListener(signal, onSignal);
      process.kill(process.pid, signal);
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
}
