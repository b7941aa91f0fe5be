/**
 * Everything that talks to MLflow itself rather than through a relay:
 * choosing the transport (OTLP or native), resolving an experiment name,
 * checking the connection, all behind `mlflowDestination`. `init()` loads
 * this module with `import()` when it exports to MLflow directly, so a
 * browser page that sends its traces to a trace relay never downloads it
 * (ADR 0008). One module, so bundlers make one chunk of it. @internal
 */
export { mlflowDestination } from "../api/mlflow-destination";
