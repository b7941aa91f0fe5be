import type { ResolvedTracingOptions } from "../config/tracing-options";
import { MlflowHttpError } from "../errors";
import { type MlflowHttpConfig, mlflowRequest } from "../export/mlflow-http";

/**
 * Checks that MLflow answers and that the experiment exists. Resolves to a
 * one-line description of the first problem, naming the setting at fault,
 * or undefined when all is well. Never rejects. @internal
 */
export async function verifyConnection(
  http: MlflowHttpConfig,
  options: ResolvedTracingOptions,
  experimentId: () => Promise<string>,
): Promise<string | undefined> {
  let id: string;
  try {
    id = await experimentId();
  } catch (error) {
    return describe(error, options, `could not resolve experimentName "${options.experimentName}"`);
  }
  try {
    await mlflowRequest(http, "GET", `/api/2.0/mlflow/experiments/get?experiment_id=${encodeURIComponent(id)}`);
    return undefined;
  } catch (error) {
    if (error instanceof MlflowHttpError && (error.status === 404 || error.errorCode === "RESOURCE_DOES_NOT_EXIST")) {
      return `experimentId / MLFLOW_EXPERIMENT_ID: experiment "${id}" does not exist on ${options.trackingUri}; traces sent to it will be refused.`;
    }
    return describe(error, options, `could not check experiment "${id}"`);
  }
}

function describe(error: unknown, options: ResolvedTracingOptions, what: string): string {
  if (error instanceof MlflowHttpError) {
    if (error.status === 401 || error.status === 403) {
      return `MLFLOW_TRACKING_USERNAME / MLFLOW_TRACKING_PASSWORD / MLFLOW_TRACKING_TOKEN: ${options.trackingUri} refused the credentials (${error.status}).`;
    }
    return `${what}: ${error.message}`;
  }
  const cause = rootCause(error);
  return `trackingUri / MLFLOW_TRACKING_URI: cannot reach MLflow at ${options.trackingUri} (${cause}); exports fail until it answers.`;
}

/** The innermost message of an error's cause chain (e.g. `connect ECONNREFUSED 127.0.0.1:9`). */
function rootCause(error: unknown): string {
  let current: unknown = error;
  for (let depth = 0; depth < 5 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
  return current instanceof Error ? current.message : String(current);
}
