import { type TracingOptions, init as coreInit } from "@kong-mlflow/core";
import { abandonableFetch } from "./abandon-requests";
import { createNodeHttpFetch } from "./node-http-fetch";
import { installShutdownHooks } from "./shutdown-hooks";

/** One for the process: its keep-alive connections are shared by every `init()`. */
let nodeFetch: typeof fetch | undefined;

/** Options of the Node `init()`: the core options plus shutdown behaviour. */
export interface NodeTracingOptions extends TracingOptions {
  /**
   * How long the process may wait for traces to reach MLflow when it ends
   * (`beforeExit`, SIGTERM, SIGINT), in ms. Default 5000. `false` installs no hooks.
   * Requests still in flight when it runs out are aborted, and their traces
   * counted as `failed` in `getExportDiagnostics()`.
   */
  shutdownFlushTimeoutMs?: number | false;
  /**
   * The fetch to send MLflow requests with. Default: a client built on
   * `node:http` / `node:https` that costs less CPU per request than the
   * global fetch (it leaves proxied setups to the global fetch).
   */
  fetch?: typeof fetch;
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
  // MLflow requests go through node:http unless the app passes its own fetch (ADR 9),
  // and can be abandoned when the process ends (shutdown-hooks.ts).
  coreInit({ ...core, fetch: abandonableFetch(core.fetch ?? (nodeFetch ??= createNodeHttpFetch().fetch)) });
  if (shutdownFlushTimeoutMs !== false) installShutdownHooks(shutdownFlushTimeoutMs);
}
