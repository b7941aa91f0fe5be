import type { TransportMode } from "../export/choose-transport";
import type { SerializeLimits } from "../serialize";
import type { MaskFunction } from "../tracing/recording-policy";

/**
 * Options of `init()`. Each falls back to its environment variable where
 * the runtime has one; the names match MLflow's TypeScript SDK so its
 * snippets port by changing the import.
 */
export interface TracingOptions {
  /** MLflow server URL, e.g. `http://127.0.0.1:5000`. Env: `MLFLOW_TRACKING_URI`. */
  trackingUri?: string;
  /** Experiment to log traces to. Env: `MLFLOW_EXPERIMENT_ID`. Default `"0"` (MLflow's Default experiment). */
  experimentId?: string;
  /**
   * Experiment to log traces to, by name; created when missing, as Python's
   * `mlflow.set_experiment` does. Env: `MLFLOW_EXPERIMENT_NAME`. Ignored when an id is given.
   */
  experimentName?: string;
  /** Basic auth user. Env: `MLFLOW_TRACKING_USERNAME`. */
  trackingServerUsername?: string;
  /** Basic auth password. Env: `MLFLOW_TRACKING_PASSWORD`. */
  trackingServerPassword?: string;
  /** Bearer token, used when no username/password is set. Env: `MLFLOW_TRACKING_TOKEN`. */
  trackingServerToken?: string;
  /** Turns tracing off entirely (spans become no-ops). Env: `KONG_MLFLOW_TRACING_ENABLED=false`. Default true. */
  enabled?: boolean;
  /**
   * Which MLflow endpoint to export to: `otlp` (one request per batch of
   * traces; needs a SQL-backed MLflow 3.12+), `native` (StartTraceV3 plus a
   * `traces.json` upload per trace; any 3.x server) or `auto` (ask the server
   * once). Env: `KONG_MLFLOW_EXPORT_TRANSPORT`. Default `auto`.
   */
  transport?: TransportMode;
  /**
   * The share of traces to keep, from 0 to 1, decided once per trace when its
   * root span starts: a trace is kept or dropped whole. Env:
   * `KONG_MLFLOW_SAMPLE_RATE`. Default 1 (keep all).
   */
  sampleRate?: number;
  /** Record span inputs (request parameters, function arguments). Env: `KONG_MLFLOW_RECORD_INPUTS`. Default true. */
  recordInputs?: boolean;
  /** Record span outputs (responses, return values). Env: `KONG_MLFLOW_RECORD_OUTPUTS`. Default true. */
  recordOutputs?: boolean;
  /** Rewrites inputs and outputs before they are recorded, e.g. to redact personal data. */
  mask?: MaskFunction;
  /** Per-request timeout for calls to MLflow, in ms. Default 30000. */
  requestTimeoutMs?: number;
  /** Size caps for recorded inputs, outputs and attributes. */
  serialize?: SerializeLimits;
  /** Export batching. */
  batch?: {
    /** Traces per export batch. Default 100. */
    maxBatchSize?: number;
    /** How long a finished trace may wait for others to share its batch, in ms. Default 200. */
    scheduleDelayMs?: number;
    /** Finished traces held at most; beyond this new traces are dropped and counted. Default 10000. */
    maxQueueSize?: number;
    /** Estimated bytes of finished traces held at most; beyond this new traces are dropped and counted. Default 64 MiB. */
    maxQueueBytes?: number;
    /** First delay before retrying a failed delivery, in ms; it doubles (with jitter) per consecutive failure. Default 500. */
    retryBaseDelayMs?: number;
    /** Longest delay between retries, in ms. Default 30000. */
    retryMaxDelayMs?: number;
  };
  /** The fetch to export with. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** Options after defaults and environment variables were applied. @internal */
export interface ResolvedTracingOptions {
  trackingUri: string;
  experimentId: string | undefined;
  experimentName: string | undefined;
  headers: Record<string, string>;
  enabled: boolean;
  transport: TransportMode;
  sampleRate: number;
  recordInputs: boolean;
  recordOutputs: boolean;
  mask: MaskFunction | undefined;
  maxQueueBytes: number;
  retryBaseDelayMs: number;
  retryMaxDelayMs: number;
  requestTimeoutMs: number;
  serialize: SerializeLimits | undefined;
  maxBatchSize: number;
  scheduleDelayMs: number;
  maxQueueSize: number;
  fetch: typeof fetch;
}
