import { ConfigurationError } from "../errors";
import type { TransportMode } from "../export/choose-transport";
import { readEnv } from "./env";
import { normalizeTrackingUri } from "./tracking-uri";
import type { ResolvedTracingOptions, TracingOptions } from "./tracing-options";

function positiveInt(value: number | undefined, fallback: number, setting: string): number {
  if (value === undefined) return fallback;
  if (!Number.isFinite(value) || value <= 0) {
    throw new ConfigurationError(setting, `must be a positive number, got ${String(value)}.`);
  }
  return Math.floor(value);
}

function authHeaders(options: TracingOptions): Record<string, string> {
  const username = options.trackingServerUsername ?? readEnv("MLFLOW_TRACKING_USERNAME");
  const password = options.trackingServerPassword ?? readEnv("MLFLOW_TRACKING_PASSWORD");
  const token = options.trackingServerToken ?? readEnv("MLFLOW_TRACKING_TOKEN");
  if (username !== undefined || password !== undefined) {
    if (username === undefined || password === undefined) {
      const missing = username === undefined ? "trackingServerUsername / MLFLOW_TRACKING_USERNAME" : "trackingServerPassword / MLFLOW_TRACKING_PASSWORD";
      throw new ConfigurationError(missing, "basic auth needs both a username and a password.");
    }
    const bytes = new TextEncoder().encode(`${username}:${password}`);
    let binary = "";
    for (const b of bytes) binary += String.fromCharCode(b);
    return { Authorization: `Basic ${btoa(binary)}` };
  }
  if (token !== undefined) return { Authorization: `Bearer ${token}` };
  return {};
}

function resolveFlag(value: boolean | undefined, envName: string, fallback: boolean): boolean {
  if (value !== undefined) return value;
  const env = readEnv(envName);
  if (env === undefined) return fallback;
  if (/^(0|false|no|off)$/i.test(env)) return false;
  if (/^(1|true|yes|on)$/i.test(env)) return true;
  throw new ConfigurationError(envName, `expected true or false, got "${env}".`);
}

function resolveSampleRate(options: TracingOptions): number {
  const setting = options.sampleRate !== undefined ? "sampleRate" : "KONG_MLFLOW_SAMPLE_RATE";
  const raw = options.sampleRate ?? readEnv("KONG_MLFLOW_SAMPLE_RATE");
  if (raw === undefined) return 1;
  const rate = typeof raw === "number" ? raw : Number(raw);
  if (!Number.isFinite(rate) || rate < 0 || rate > 1) {
    throw new ConfigurationError(setting, `must be a number from 0 to 1, got ${JSON.stringify(raw)}.`);
  }
  return rate;
}

function checkMask(mask: unknown): TracingOptions["mask"] {
  if (mask === undefined) return undefined;
  if (typeof mask !== "function") throw new ConfigurationError("mask", `must be a function (value, context) => masked value, got ${typeof mask}.`);
  return mask as TracingOptions["mask"];
}

function resolveTransport(options: TracingOptions): TransportMode {
  const setting = options.transport !== undefined ? "transport" : "KONG_MLFLOW_EXPORT_TRANSPORT";
  const value = options.transport ?? readEnv("KONG_MLFLOW_EXPORT_TRANSPORT") ?? "auto";
  if (value !== "auto" && value !== "otlp" && value !== "native") {
    throw new ConfigurationError(setting, `expected "auto", "otlp" or "native", got "${value}".`);
  }
  return value;
}

/**
 * Applies environment variables and defaults to `init()` options, and checks
 * them. Throws a {@link ConfigurationError} naming the setting at fault.
 * @internal
 */
export function resolveOptions(options: TracingOptions = {}): ResolvedTracingOptions {
  const uriSetting = options.trackingUri !== undefined ? "trackingUri" : "MLFLOW_TRACKING_URI";
  const rawUri = options.trackingUri ?? readEnv("MLFLOW_TRACKING_URI");
  if (rawUri === undefined) {
    throw new ConfigurationError("trackingUri", "no MLflow tracking URI. Pass init({ trackingUri }) or set MLFLOW_TRACKING_URI (e.g. http://127.0.0.1:5000).");
  }
  const trackingUri = normalizeTrackingUri(rawUri, uriSetting);

  const experimentId = options.experimentId ?? readEnv("MLFLOW_EXPERIMENT_ID");
  const experimentName = experimentId === undefined ? (options.experimentName ?? readEnv("MLFLOW_EXPERIMENT_NAME")) : undefined;
  if (experimentId !== undefined && !/^[A-Za-z0-9_-]+$/.test(experimentId)) {
    const setting = options.experimentId !== undefined ? "experimentId" : "MLFLOW_EXPERIMENT_ID";
    throw new ConfigurationError(setting, `"${experimentId}" is not a valid MLflow experiment id.`);
  }

  const fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
  if (!fetchImpl) throw new ConfigurationError("fetch", "this runtime has no global fetch; pass init({ fetch }).");

  return {
    trackingUri,
    experimentId: experimentId ?? (experimentName === undefined ? "0" : undefined),
    experimentName,
    headers: authHeaders(options),
    enabled: resolveFlag(options.enabled, "KONG_MLFLOW_TRACING_ENABLED", true),
    sampleRate: resolveSampleRate(options),
    recordInputs: resolveFlag(options.recordInputs, "KONG_MLFLOW_RECORD_INPUTS", true),
    recordOutputs: resolveFlag(options.recordOutputs, "KONG_MLFLOW_RECORD_OUTPUTS", true),
    mask: checkMask(options.mask),
    maxQueueBytes: positiveInt(options.batch?.maxQueueBytes, 64 * 1024 * 1024, "batch.maxQueueBytes"),
    retryBaseDelayMs: positiveInt(options.batch?.retryBaseDelayMs, 500, "batch.retryBaseDelayMs"),
    retryMaxDelayMs: positiveInt(options.batch?.retryMaxDelayMs, 30_000, "batch.retryMaxDelayMs"),
    transport: resolveTransport(options),
    requestTimeoutMs: positiveInt(options.requestTimeoutMs, 30_000, "requestTimeoutMs"),
    serialize: options.serialize,
    maxBatchSize: positiveInt(options.batch?.maxBatchSize, 100, "batch.maxBatchSize"),
    scheduleDelayMs: options.batch?.scheduleDelayMs ?? 200,
    maxQueueSize: positiveInt(options.batch?.maxQueueSize, 10_000, "batch.maxQueueSize"),
    fetch: fetchImpl,
  };
}
