import { setContextManager } from "@kong-mlflow/core";
import { AsyncLocalStorageContextManager } from "./async-local-storage-context-manager";

setContextManager(new AsyncLocalStorageContextManager());

export * from "@kong-mlflow/core";
export { init, type NodeTracingOptions } from "./init";
export { AsyncLocalStorageContextManager } from "./async-local-storage-context-manager";
