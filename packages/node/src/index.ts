import { setContextManager } from "@kong-mlflow/core";
import { AsyncLocalStorageContextManager } from "./async-local-storage-context-manager";

setContextManager(new AsyncLocalStorageContextManager());

export * from "@kong-mlflow/core";
export { gatewaySignals, parseLlmModelHeader } from "@kong-mlflow/core/gateway";
export { init, type NodeTracingOptions } from "./init";
export { AsyncLocalStorageContextManager } from "./async-local-storage-context-manager";
// Trace relay: a route of your own server that takes traces from browsers and forwards them to MLflow.
export { createTraceRelay, RelayPayloadError, type TraceRelay, type TraceRelayOptions, type RelayLimits } from "@kong-mlflow/core/internal";
export { toNodeHandler } from "./to-node-handler";
