import type { ResolvedTracingOptions } from "../config/tracing-options";
import { problemKey, rootReason } from "../diagnostics/problem-key";
import { ConfigurationError, MlflowHttpError, MlflowNetworkError } from "../errors";
import { type MlflowHttpConfig, mlflowRequest } from "../export/mlflow-http";

/** A problem found by {@link verifyConnection}: what to tell the user, and its `warnOnce` key. @internal */
export interface ConnectionProblem {
  message: string;
  key: string;
}

/**
 * Checks that MLflow answers and that the experiment exists and is active.
 * Resolves to a one-line description of the first problem, naming the
 * setting at fault, or undefined when all is well. Never rejects. @internal
 */
export async function verifyConnection(
  http: MlflowHttpConfig,
  options: ResolvedTracingOptions,
  experimentId: () => Promise<string>,
): Promise<ConnectionProblem | undefined> {
  let id: string;
  try {
    id = await experimentId();
  } catch (error) {
    return describe(error, options, `could not resolve experimentName "${options.experimentName}"`);
  }
  const idSetting = options.experimentName === undefined ? "experimentId / MLFLOW_EXPERIMENT_ID" : "experimentName / MLFLOW_EXPERIMENT_NAME";
  try {
    const text = await mlflowRequest(http, "GET", `/api/2.0/mlflow/experiments/get?experiment_id=${encodeURIComponent(id)}`);
    const stage = (JSON.parse(text) as { experiment?: { lifecycle_stage?: string } }).experiment?.lifecycle_stage;
    if (stage === "deleted") {
      const message = `${idSetting}: experiment "${id}" is deleted on ${options.trackingUri}; traces sent to it are refused or hidden. Restore it or pick another experiment.`;
      return { message, key: `experiment-deleted:${options.trackingUri}:${id}` };
    }
    return undefined;
  } catch (error) {
    if (error instanceof MlflowHttpError && (error.status === 404 || error.errorCode === "RESOURCE_DOES_NOT_EXIST")) {
      const message = `${idSetting}: experiment "${id}" does not exist on ${options.trackingUri}; traces sent to it will be refused.`;
      return { message, key: `experiment-missing:${options.trackingUri}:${id}` };
    }
    return describe(error, options, `could not check experiment "${id}"`);
  }
}

function describe(error: unknown, options: ResolvedTracingOptions, what: string): ConnectionProblem {
  const key = problemKey(error) ?? `connection:${what}:${rootReason(error)}`;
  if (error instanceof ConfigurationError) return { message: error.message, key };
  if (error instanceof MlflowHttpError) {
    if (error.status === 401 || error.status === 403) {
      const message = `MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD / MLFLOW_TRACKING_TOKEN: ${options.trackingUri} refused the credentials (${error.status}).`;
      return { message, key };
    }
    return { message: `${what}: ${error.message}`, key };
  }
  if (error instanceof MlflowNetworkError) {
    const message = `trackingUri / MLFLOW_TRACKING_URI: cannot reach MLflow at ${options.trackingUri} (${rootReason(error)}); traces wait and are retried until it answers.`;
    return { message, key };
  }
  return { message: `${what}: ${rootReason(error)}`, key };
}
