import { ConfigurationError, MlflowHttpError } from "../errors";
import { type MlflowHttpConfig, mlflowRequest } from "./mlflow-http";

/**
 * The id of an experiment given by name, created when missing (as Python's
 * `mlflow.set_experiment` does). Two processes creating it at once both end
 * up with the same id.
 */
export async function resolveExperimentId(http: MlflowHttpConfig, name: string): Promise<string> {
  const lookup = async (): Promise<string | undefined> => {
    try {
      const text = await mlflowRequest(http, "GET", `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`);
      const exp = (JSON.parse(text) as { experiment?: { experiment_id?: string; lifecycle_stage?: string } }).experiment;
      if (exp?.lifecycle_stage === "deleted") {
        throw new ConfigurationError("experimentName", `experiment "${name}" is deleted in MLflow; restore it or pick another name.`);
      }
      return exp?.experiment_id;
    } catch (error) {
      if (error instanceof MlflowHttpError && error.status === 404) return undefined;
      throw error;
    }
  };
  const found = await lookup();
  if (found) return found;
  try {
    const text = await mlflowRequest(http, "POST", "/api/2.0/mlflow/experiments/create", JSON.stringify({ name }));
    return (JSON.parse(text) as { experiment_id: string }).experiment_id;
  } catch (error) {
    const again = await lookup();
    if (again) return again;
    throw error;
  }
}
