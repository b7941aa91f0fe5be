import { KongMlflowError } from "../errors";

/**
 * The proxied-artifact path of a trace's data: `mlflow-artifacts:/1/traces/tr-x/artifacts`
 * becomes `/1/traces/tr-x/artifacts`. Other schemes (s3:, file:) mean the
 * server does not proxy artifacts, and a client cannot upload through it.
 */
export function artifactPath(location: string | undefined, traceId: string): string {
  if (!location) throw new KongMlflowError(`MLflow returned no mlflow.artifactLocation tag for trace ${traceId}.`);
  if (!location.startsWith("mlflow-artifacts:")) {
    throw new KongMlflowError(
      `MLflow stores trace data at "${location}", which clients cannot upload to. Start the server with --serve-artifacts (the default) and an mlflow-artifacts: artifact root.`,
    );
  }
  const rest = location.slice("mlflow-artifacts:".length);
  const path = rest.startsWith("//") ? rest.slice(rest.indexOf("/", 2)) : rest;
  return path.replace(/\/+$/, "");
}
