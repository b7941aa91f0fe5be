import type { ResolvedTracingOptions } from "../config/tracing-options";
import { warnOnce } from "../diagnostics/logger";
import { chooseTransport } from "../export/choose-transport";
import { resolveExperimentId } from "../export/experiment-resolver";
import { LazyTransport } from "../export/lazy-transport";
import type { TraceDestination } from "./install-pipeline";
import { verifyConnection } from "./verify-connection";

/**
 * MLflow itself as the destination: the transport is chosen by asking the
 * server (for `transport: "auto"`), an experiment name is resolved (and
 * created) once. The transport is chosen and the connection checked right
 * away, so the first batch (perhaps sent as a page closes) finds everything
 * ready. Part of the direct-export code that `init()` loads with `import()`
 * (ADR 0008). @internal
 */
export function mlflowDestination(resolved: ResolvedTracingOptions): TraceDestination {
  // `resolved` doubles as the MlflowHttpConfig: it holds the URI, headers, timeout and fetch.
  let experiment: Promise<string> | undefined;
  const experimentId = async () =>
    resolved.experimentId ??
    (experiment ??= resolveExperimentId(resolved, resolved.experimentName!).catch((error: unknown) => {
      experiment = undefined; // try again with the next batch
      throw error;
    }));
  let checkDone = false;
  // The first batch waits for the check, so a bad setting or an outage is
  // reported by the check's message, which names the setting at fault.
  const checked = verifyConnection(resolved, resolved, experimentId).then(
    // keyed like the exporter's reports, so one outage or bad setting is said once
    (problem) => void (problem && warnOnce(problem.key, problem.message)),
    () => undefined,
  ).then(() => void (checkDone = true));
  // The transport is chosen meanwhile (not after the check: against an MLflow
  // that never answers, a short script would otherwise wait out two request
  // timeouts in a row).
  const chosen = new LazyTransport(() => chooseTransport(resolved, resolved.transport));
  chosen.prepare();
  return {
    transport: {
      // named once batches can go out without waiting (the check done, the transport chosen)
      get name() {
        return checkDone ? chosen.name : undefined;
      },
      send: (traces, id) => checked.then(() => chosen.send(traces, id)),
    },
    experimentId,
  };
}
