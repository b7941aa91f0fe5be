import { resolveOptions } from "../config/resolve-options";
import type { TracingOptions } from "../config/tracing-options";
import { warnOnce } from "../diagnostics/logger";
import { ExportPipeline } from "../export/export-pipeline";
import { resolveExperimentId } from "../export/experiment-resolver";
import type { MlflowHttpConfig } from "../export/mlflow-http";
import { chooseTransport } from "../export/choose-transport";
import { LazyTransport } from "../export/lazy-transport";
import { runtime } from "../runtime/runtime";
import { verifyConnection } from "./verify-connection";

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
  const rt = runtime();
  const previous = rt.pipeline;
  rt.options = resolved;
  if (!resolved.enabled) {
    rt.pipeline = undefined;
    rt.early.length = 0;
    return;
  }
  const http: MlflowHttpConfig = {
    trackingUri: resolved.trackingUri,
    headers: resolved.headers,
    requestTimeoutMs: resolved.requestTimeoutMs,
    fetch: resolved.fetch,
  };
  let experiment: Promise<string> | undefined;
  const experimentId = () => {
    if (resolved.experimentId !== undefined) return Promise.resolve(resolved.experimentId);
    experiment ??= resolveExperimentId(http, resolved.experimentName!).catch((error: unknown) => {
      experiment = undefined; // try again with the next batch
      throw error;
    });
    return experiment;
  };
  rt.pipeline = new ExportPipeline({
    transport: new LazyTransport(() => chooseTransport(http, resolved.transport)),
    experimentId,
    maxBatchSize: resolved.maxBatchSize,
    scheduleDelayMs: resolved.scheduleDelayMs,
    maxQueueSize: resolved.maxQueueSize,
    maxQueueBytes: resolved.maxQueueBytes,
    retryBaseMs: resolved.retryBaseDelayMs,
    retryMaxMs: resolved.retryMaxDelayMs,
    maxConcurrentBatches: 2,
  });
  for (const trace of rt.early.splice(0)) rt.pipeline.enqueue(trace);
  if (previous) void previous.flush();
  void verifyConnection(http, resolved, experimentId).then((problem) => {
    // keyed like the exporter's reports, so one outage or bad setting is said once
    if (problem) warnOnce(problem.key, problem.message);
  });
}
