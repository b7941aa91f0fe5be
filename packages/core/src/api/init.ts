import { resolveOptions } from "../config/resolve-options";
import type { TracingOptions } from "../config/tracing-options";
import { warnOnce } from "../diagnostics/logger";
import { type TraceDestination, installPipeline } from "./install-pipeline";

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
  installPipeline(resolved, () => {
    // MLflow itself is the destination: `mlflowDestination`, in the
    // direct-export code, loaded with `import()` (a chunk of its own in
    // bundlers' output; ADR 0008) and started right away, here a stand-in
    // that waits for it.
    let loaded: TraceDestination | undefined;
    let loading: Promise<TraceDestination> | undefined;
    const destination = () =>
      (loading ??= import("../export/mlflow-direct").then(
        (direct) => (loaded = direct.mlflowDestination(resolved)),
        (error: unknown) => {
          loading = undefined; // tried again with the next batch
          warnOnce("load-export-code", `could not load the MLflow export code: ${String(error)}`);
          throw error;
        },
      ));
    destination().catch(() => undefined);
    return {
      transport: {
        get name() {
          return loaded?.transport.name;
        },
        send: (traces, id) => destination().then((d) => d.transport.send(traces, id)),
      },
      experimentId: () => destination().then((d) => d.experimentId()),
    };
  });
}
