// #region setup-imports
import { init } from "@kong-mlflow/node";
// #endregion setup-imports

/**
 * What a Node app does once at start-up, as the demo does it before the
 * scenarios. MLFLOW_TRACKING_URI must be set (the demo sets it to the
 * server it uses).
 */
export function setUpTracing(): void {
  // #region setup
  // Reads MLFLOW_TRACKING_URI (and MLFLOW_TRACKING_TOKEN, ...) from the environment.
  // The experiment is created when it does not exist yet.
  init({ experimentName: "kong-mlflow-demo" });
  // #endregion setup
}

/** The experiment {@link setUpTracing} logs to. */
export const DEMO_EXPERIMENT = "kong-mlflow-demo";
