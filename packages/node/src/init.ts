import { type TracingOptions, init as coreInit } from "@kong-mlflow/core";
import { installShutdownHooks } from "./shutdown-hooks";

/** Options of the Node `init()`: the core options plus shutdown behaviour. */
export interface NodeTracingOptions extends TracingOptions {
  /**
   * How long the process may wait for traces to reach MLflow when it ends
   * (`beforeExit`, SIGTERM, SIGINT), in ms. Default 5000. `false` installs no hooks.
   */
  shutdownFlushTimeoutMs?: number | false;
}

/**
 * Configures tracing for a Node process: where traces go (options or the
 * `MLFLOW_*` environment variables; an experiment given by name is created
 * when missing) and a bounded flush when the process ends. See the core
 * `init` for the options and their errors.
 *
 * @example
 * import { init } from "@kong-mlflow/node";
 * init({ trackingUri: "http://127.0.0.1:5000", experimentName: "kong-chat" });
 */
export function init(options: NodeTracingOptions = {}): void {
  const { shutdownFlushTimeoutMs = 5000, ...core } = options;
  coreInit(core);
  if (shutdownFlushTimeoutMs !== false) installShutdownHooks(shutdownFlushTimeoutMs);
}
