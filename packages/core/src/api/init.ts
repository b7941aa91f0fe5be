import { resolveOptions } from "../config/resolve-options";
import type { ResolvedTracingOptions, TracingOptions } from "../config/tracing-options";
import { warnOnce } from "../diagnostics/logger";
import { LazyTransport } from "../export/lazy-transport";
import type { TraceTransport } from "../export/trace-transport";
import { type TraceDestination, installPipeline } from "./install-pipeline";

/** Loads the direct-to-MLflow export code (a chunk of its own in bundlers' output; ADR 0008). */
const loadMlflowDirect = () => import("../export/mlflow-direct");

/**
 * Configures where traces go. Call it once at start-up; calling it again
 * replaces the configuration (traces already queued are still delivered to
 * the old target). Options fall back to `MLFLOW_TRACKING_URI`,
 * `MLFLOW_EXPERIMENT_ID` / `MLFLOW_EXPERIMENT_NAME` and the
 * `MLFLOW_TRACKING_*` credentials.
 *
 * A malformed setting throws a {@link ConfigurationError} naming it. Whether
 * the server is reachable and the experiment exists is checked in the
 * background, and a problem is reported once as a warning: `init` never
 * blocks and never fails because MLflow is down.
 */
export function init(options: TracingOptions = {}): void {
  const resolved = resolveOptions(options);
  installPipeline(resolved, () => mlflowDestination(resolved));
}

/**
 * MLflow itself as the destination: the transport is chosen by asking the
 * server (for `transport: "auto"`), an experiment name is resolved (and created)
 * once. The export code is loaded, the transport chosen and the connection
 * checked in the background right away, so the first batch (perhaps sent
 * as a page closes) finds everything ready.
 */
function mlflowDestination(resolved: ResolvedTracingOptions): TraceDestination {
  // `resolved` doubles as the MlflowHttpConfig: it holds the URI, headers, timeout and fetch.
  let experiment: Promise<string> | undefined;
  const experimentId = async () =>
    resolved.experimentId ??
    (experiment ??= loadMlflowDirect()
      .then((direct) => direct.resolveExperimentId(resolved, resolved.experimentName!))
      .catch((error: unknown) => {
        experiment = undefined; // try again with the next batch
        throw error;
      }));
  let checkDone = false;
  // The first batch waits for the check, so a bad setting or an outage is
  // reported by the check's message, which names the setting at fault.
  const checked = loadMlflowDirect()
    .then((direct) => direct.verifyConnection(resolved, resolved, experimentId))
    .then(
      // keyed like the exporter's reports, so one outage or bad setting is said once
      (problem) => void (problem && warnOnce(problem.key, problem.message)),
      (error: unknown) => warnOnce("load-export-code", `could not load the MLflow export code: ${String(error)}`),
    )
    .then(() => void (checkDone = true));
  // The transport is chosen meanwhile (not after the check: against an MLflow
  // that never answers, a short script would otherwise wait out two request
  // timeouts in a row).
  const chosen = new LazyTransport(() => loadMlflowDirect().then((direct) => direct.chooseTransport(resolved, resolved.transport)));
  chosen.prepare();
  const transport: TraceTransport = {
    // named once batches can go out without waiting (the check done, the transport chosen)
    get name() {
      return checkDone ? chosen.name : undefined;
    },
    send: (traces, id) => checked.then(() => chosen.send(traces, id)),
  };
  return { transport, experimentId };
}
