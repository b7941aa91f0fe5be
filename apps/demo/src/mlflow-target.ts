import { resolve } from "node:path";
import { findRepoRoot, isPortFree, type MlflowServer, startMlflowServer } from "@kong-mlflow/testkit";

/** Where the demo sends traces, and how to stop what it started. */
export interface MlflowTarget {
  trackingUri: string;
  version: string;
  started: MlflowServer | undefined;
}

/**
 * Uses MLFLOW_TRACKING_URI when set; otherwise starts MLflow from the
 * project's virtualenv on `port`, keeping its data in `.demo/mlflow` so the
 * UI shows earlier runs too. Fails fast, with what to do, when the port is taken.
 */
export async function mlflowTarget(port: number): Promise<MlflowTarget> {
  const fromEnv = process.env.MLFLOW_TRACKING_URI;
  if (fromEnv) {
    const res = await fetch(`${fromEnv.replace(/\/+$/, "")}/version`, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => {
      throw new Error(`MLFLOW_TRACKING_URI=${fromEnv} does not answer (${e.message}). Start that server, or unset MLFLOW_TRACKING_URI to let the demo start one.`);
    });
    return { trackingUri: fromEnv.replace(/\/+$/, ""), version: (await res.text()).trim(), started: undefined };
  }
  if (!(await isPortFree(port, "127.0.0.1"))) {
    throw new Error(
      `port ${port} is already taken, so the demo cannot start MLflow there. Stop what listens on it, run with --port <free port>, or set MLFLOW_TRACKING_URI to an MLflow server that is already running.`,
    );
  }
  const server = await startMlflowServer({ port, workDir: resolve(findRepoRoot(), ".demo/mlflow") });
  return { trackingUri: server.trackingUri, version: server.version, started: server };
}
