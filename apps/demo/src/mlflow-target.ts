import { resolve } from "node:path";
import { MlflowServerStartError, findRepoRoot, isPortFree, type MlflowServer, startMlflowServer } from "@kong-mlflow/testkit";

/** Where the demo sends traces, and how to stop what it started. */
export interface MlflowTarget {
  trackingUri: string;
  version: string;
  started: MlflowServer | undefined;
}

/** Options of {@link mlflowTarget}. */
export interface MlflowTargetOptions {
  /** Port to start MLflow on. */
  port: number;
  /** Where the started server keeps its data; default `<repo>/.demo/mlflow`, so the UI shows earlier runs too. */
  dataDir?: string;
}

/**
 * Uses MLFLOW_TRACKING_URI when set; otherwise starts MLflow from the
 * project's virtualenv on `port`. Fails fast, saying what to do, when the
 * port is taken or the virtualenv is missing.
 */
export async function mlflowTarget({ port, dataDir }: MlflowTargetOptions): Promise<MlflowTarget> {
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
  try {
    const server = await startMlflowServer({ port, workDir: dataDir ?? resolve(findRepoRoot(), ".demo/mlflow") });
    return { trackingUri: server.trackingUri, version: server.version, started: server };
  } catch (error) {
    if (error instanceof MlflowServerStartError && error.reason === "venv-missing") {
      throw new Error(
        `MLflow is not installed for the demo. Run ./scripts/demo.sh (it installs MLflow into .tools/mlflow-venv first; needs Python 3.10+), run scripts/setup-mlflow.sh, or set MLFLOW_TRACKING_URI to an MLflow server that is already running.\n(${error.message})`,
      );
    }
    throw error;
  }
}
