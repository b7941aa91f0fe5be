import type {} from "vitest";
import type { TestProject } from "vitest/node";
import { startMlflowServer } from "./mlflow/start-mlflow-server";

declare module "vitest" {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the run's MLflow server. */
    mlflowTrackingUri: string;
    /** What that server's `GET /version` returned. */
    mlflowVersion: string;
  }
}

/** Env var naming an already running MLflow server to use instead of starting one. */
export const EXTERNAL_SERVER_ENV = "MLFLOW_TRACKING_URI_FOR_TESTS";

async function probeExternalServer(uri: string): Promise<string> {
  const base = uri.replace(/\/+$/, "");
  try {
    const health = await fetch(`${base}/health`, { signal: AbortSignal.timeout(5_000) });
    if (!health.ok) throw new Error(`GET /health -> HTTP ${health.status}`);
    const version = await fetch(`${base}/version`, { signal: AbortSignal.timeout(5_000) });
    if (!version.ok) throw new Error(`GET /version -> HTTP ${version.status}`);
    return (await version.text()).trim();
  } catch (err) {
    throw new Error(
      `${EXTERNAL_SERVER_ENV}=${uri} is set, but that MLflow server does not answer: ${(err as Error).message}. ` +
        `Start it, or unset ${EXTERNAL_SERVER_ENV} to let the tests start their own server.`,
    );
  }
}

/**
 * Vitest globalSetup: starts ONE real MLflow server for the whole run (or uses the server in
 * `$MLFLOW_TRACKING_URI_FOR_TESTS`) and provides `mlflowTrackingUri` and `mlflowVersion`
 * (read them with `inject(...)`). It never skips silently: if the server cannot start, the
 * run fails with the reason (e.g. "run scripts/setup-mlflow.sh").
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const external = process.env[EXTERNAL_SERVER_ENV]?.trim();
  if (external) {
    const version = await probeExternalServer(external);
    project.provide("mlflowTrackingUri", external.replace(/\/+$/, ""));
    project.provide("mlflowVersion", version);
    return async () => undefined;
  }

  const started = Date.now();
  let server;
  try {
    server = await startMlflowServer();
  } catch (err) {
    throw new Error(`vitest global setup could not start the MLflow test server.\n${(err as Error).message}`, {
      cause: err,
    });
  }
  console.log(
    `[mlflow] server ${server.version} at ${server.trackingUri} (pid ${server.pid}) ready in ${Date.now() - started} ms`,
  );
  project.provide("mlflowTrackingUri", server.trackingUri);
  project.provide("mlflowVersion", server.version);
  return async () => {
    await server.stop();
  };
}
