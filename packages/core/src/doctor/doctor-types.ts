import type { TracingOptions } from "../config/tracing-options";
import type { KongGatewaySettings } from "../gateway/kong-gateway";

/** The checks `runDoctor` makes, in order. */
export type DoctorCheckId = "mlflow" | "experiment" | "transport" | "test-trace" | "gateway" | "gateway-auth" | "chat";

/** Settings a doctor message may name. */
export type DoctorSettingKey = "trackingUri" | "experimentId" | "experimentName" | "transport" | "gatewayUrl" | "routePath" | "model";

/** `pass`, `fail`, or `skip` (not applicable, or an earlier check failed). */
export type DoctorCheckStatus = "pass" | "fail" | "skip";

/** The outcome of one check. */
export interface DoctorCheck {
  id: DoctorCheckId;
  /** A short label, e.g. `MLflow server`. */
  title: string;
  status: DoctorCheckStatus;
  /** One line: what was found, naming the setting at fault on failure. */
  summary: string;
  /** What to do about a failure (or a skip). */
  hint?: string;
  durationMs: number;
  /** Facts for programs: versions, ids, URLs. */
  details?: Record<string, string | number | boolean>;
}

/** What `runDoctor` found. */
export interface DoctorReport {
  /** True when no check failed. */
  ok: boolean;
  checks: DoctorCheck[];
}

/** Options of `runDoctor`. Every setting falls back to the same environment variable `init()` and `kongGateway()` read. */
export interface DoctorOptions {
  /** MLflow settings, as for `init()` (`MLFLOW_TRACKING_URI`, `MLFLOW_EXPERIMENT_*`, `MLFLOW_TRACKING_*`). */
  tracing?: TracingOptions;
  /**
   * Gateway settings, as for `kongGateway()` (`KONG_GATEWAY_URL`, `KONG_ROUTE_PATH`,
   * `KONG_API_KEY`, `OPENAI_API_KEY`, `KONG_DEFAULT_MODEL`). Gateway checks are
   * skipped when no URL is set; `false` skips them always.
   */
  gateway?: KongGatewaySettings | false;
  /** Make one chat call through the gateway (default true). It is a real, if tiny, LLM call. */
  chat?: boolean;
  /** Per-request timeout in ms. Default 10 000. */
  timeoutMs?: number;
  /** The fetch to use. Default: the global fetch. */
  fetch?: typeof fetch;
  /**
   * How to name settings passed as options in messages (the CLI passes its
   * flags, e.g. `{ trackingUri: "--tracking-uri" }`). Settings read from the
   * environment are named by their variable.
   */
  labels?: Partial<Record<DoctorSettingKey, string>>;
  /** Called as each check finishes, for progress output. */
  onCheck?: (check: DoctorCheck) => void;
}
