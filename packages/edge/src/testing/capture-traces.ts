/** Test helper: finished traces go into an array instead of MLflow (core's, shared). */
export { captureTraces } from "@kong-mlflow/core/internal";
