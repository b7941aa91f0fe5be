import type { ResolvedTracingOptions, TracingOptions } from "../config/tracing-options";
import { readEnv } from "../config/env";
import type { MlflowHttpConfig } from "../export/mlflow-http";

import type { DoctorSettingKey as SettingKey } from "./doctor-types";

export type { SettingKey };

const ENV: Record<SettingKey, string> = {
  trackingUri: "MLFLOW_TRACKING_URI",
  experimentId: "MLFLOW_EXPERIMENT_ID",
  experimentName: "MLFLOW_EXPERIMENT_NAME",
  transport: "KONG_MLFLOW_EXPORT_TRANSPORT",
  gatewayUrl: "KONG_GATEWAY_URL",
  routePath: "KONG_ROUTE_PATH",
  model: "KONG_DEFAULT_MODEL",
};

/**
 * Names a setting the way the user gave it: the option (or CLI flag, via
 * `labels`) when one was passed, else the environment variable. @internal
 */
export function settingName(key: SettingKey, given: boolean, labels: Partial<Record<SettingKey, string>> = {}): string {
  return given ? (labels[key] ?? key) : ENV[key];
}

/** What the MLflow checks share. @internal */
export interface MlflowContext {
  http: MlflowHttpConfig;
  resolved: ResolvedTracingOptions;
  /** The options as given (to tell options from environment variables). */
  given: TracingOptions;
  labels: Partial<Record<SettingKey, string>>;
  timeoutMs: number;
}

/** The hint for refused MLflow credentials. @internal */
export const CREDENTIALS_HINT =
  "Set MLFLOW_TRACKING_USERNAME and MLFLOW_TRACKING_PASSWORD (or MLFLOW_TRACKING_TOKEN) to credentials this server accepts.";

/** True when the environment variable is set (for messages). @internal */
export const envSet = (name: string): boolean => readEnv(name) !== undefined;
