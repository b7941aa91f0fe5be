import { setContextManager } from "@kong-mlflow/core";
import { globalAsyncLocalStorageContextManager } from "./global-async-local-storage";

const manager = globalAsyncLocalStorageContextManager();
if (manager) setContextManager(manager);

export * from "@kong-mlflow/core";
export { globalAsyncLocalStorageContextManager } from "./global-async-local-storage";
