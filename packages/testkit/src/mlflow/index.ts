/**
 * A real MLflow server harness for tests: start/stop a server from the project venv, and read
 * traces back over REST or with MLflow's official Python client.
 */
export { parseJsonWithBigInts, stringifyJsonWithBigInts, toBigInt } from "./big-json";
export {
  MlflowPythonError,
  MlflowRestError,
  MlflowServerStartError,
  MlflowVenvMissingError,
  type MlflowServerStartFailure,
} from "./errors";
export { batchGetTraces, decodeAnyValue, type BatchSpan, type BatchTrace } from "./batch-get-traces";
export { getFreePort, isPortFree } from "./free-port";
export {
  createExperiment,
  getExperimentByName,
  getTraceInfo,
  getTraceSpans,
  mlflowRequest,
  searchTraces,
  waitForTraces,
  type SearchTracesOptions,
  type WaitForTracesOptions,
} from "./mlflow-rest";
export type { MlflowExperiment, MlflowSpan, MlflowSpanEvent, MlflowTraceInfo, MlflowTraceLocation } from "./mlflow-types";
export { processGroupMembers } from "./process-group";
export {
  readTraceWithPython,
  searchTracesWithPython,
  type PythonAssessment,
  type PythonClientOptions,
  type PythonSearchOptions,
  type PythonSpan,
  type PythonTrace,
  type PythonTraceInfo,
} from "./python-client";
export { writeRawTrace, type RawTrace, type WriteRawTraceOptions } from "./raw-trace-fixture";
export { decodeAttributeValue, decodeSpanAttributes } from "./span-attributes";
export { base64IdToHex, hexIdToBase64, otelTraceIdHex } from "./span-ids";
export {
  MLFLOW_SERVER_DEFAULT_ENV,
  startMlflowServer,
  stopAll,
  type MlflowServer,
  type StartMlflowServerOptions,
} from "./start-mlflow-server";
export {
  assertMlflowVenv,
  findRepoRoot,
  MLFLOW_VENV_ENV,
  mlflowVenvPaths,
  resolveMlflowVenv,
  type MlflowVenvPaths,
} from "./venv";
