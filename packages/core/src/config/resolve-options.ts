import { ConfigurationError } from "../errors";
import type { TransportMode } from "../export/choose-transport";
import { readEnv } from "./env";
import { normalizeTrackingUri } from "./tracking-uri";
import type { ResolvedTracingOptions, TracingOptions } from "./tracing-options";

/** How one kind of setting is checked. */
interface Rule<T> {
  /** The setting's value from what was given (an option's value or an environment variable's text), or undefined when it is bad. */
  parse(raw: unknown): T | undefined;
  /** What a good value is, for the error: `<setting>: <value> is not <expected>.` */
  expected: string;
}

/** One setting of `init()`: how it is checked, its default, its environment variable, and whether it sits under `batch`. */
interface Setting<T = unknown> extends Rule<T> {
  fallback: T;
  env?: string;
  batch?: true;
}

/** Counts, sizes and durations that must be at least 1 (a fraction is rounded down, so 0.5 would become 0). */
const POSITIVE_NUMBER: Rule<number> = {
  parse: (raw) => (typeof raw === "number" && Number.isFinite(raw) && raw >= 1 ? Math.floor(raw) : undefined),
  expected: "a positive number (at least 1)",
};

/** A delay that may be 0 (0: export as soon as a trace finishes). */
const DELAY_MS: Rule<number> = {
  parse: (raw) => (typeof raw === "number" && Number.isFinite(raw) && raw >= 0 ? raw : undefined),
  expected: "a number of milliseconds (0 or more)",
};

const BOOLEAN: Rule<boolean> = {
  parse: (raw) => {
    if (typeof raw === "boolean") return raw;
    if (/^(1|true|yes|on)$/i.test(String(raw))) return true;
    if (/^(0|false|no|off)$/i.test(String(raw))) return false;
    return undefined;
  },
  expected: "true or false",
};

const SAMPLE_RATE: Rule<number> = {
  parse: (raw) => {
    const rate = typeof raw === "number" ? raw : Number(raw);
    return rate >= 0 && rate <= 1 ? rate : undefined;
  },
  expected: "a number from 0 to 1",
};

const TRANSPORT: Rule<TransportMode> = {
  parse: (raw) => (raw === "auto" || raw === "otlp" || raw === "native" ? raw : undefined),
  expected: 'one of "auto", "otlp" and "native"',
};

const MASK: Rule<TracingOptions["mask"]> = {
  parse: (raw) => (typeof raw === "function" ? (raw as TracingOptions["mask"]) : undefined),
  expected: "a function (value, context) => masked value",
};

const EXPERIMENT_ID: Setting<string | undefined> = {
  parse: (raw) => (/^[A-Za-z0-9_-]+$/.test(String(raw)) ? String(raw) : undefined),
  expected: "a valid MLflow experiment id (letters, digits, _ and -)",
  fallback: undefined,
  env: "MLFLOW_EXPERIMENT_ID",
};

/** The settings checked one by one, keyed by their name in the resolved options. */
const SETTINGS: Record<string, Setting> = {
  enabled: { ...BOOLEAN, fallback: true, env: "KONG_MLFLOW_TRACING_ENABLED" },
  sampleRate: { ...SAMPLE_RATE, fallback: 1, env: "KONG_MLFLOW_SAMPLE_RATE" },
  recordInputs: { ...BOOLEAN, fallback: true, env: "KONG_MLFLOW_RECORD_INPUTS" },
  recordOutputs: { ...BOOLEAN, fallback: true, env: "KONG_MLFLOW_RECORD_OUTPUTS" },
  mask: { ...MASK, fallback: undefined },
  transport: { ...TRANSPORT, fallback: "auto", env: "KONG_MLFLOW_EXPORT_TRANSPORT" },
  requestTimeoutMs: { ...POSITIVE_NUMBER, fallback: 30_000 },
  maxBatchSize: { ...POSITIVE_NUMBER, fallback: 100, batch: true },
  scheduleDelayMs: { ...DELAY_MS, fallback: 200, batch: true },
  maxQueueSize: { ...POSITIVE_NUMBER, fallback: 10_000, batch: true },
  maxQueueBytes: { ...POSITIVE_NUMBER, fallback: 64 * 1024 * 1024, batch: true },
  retryBaseDelayMs: { ...POSITIVE_NUMBER, fallback: 500, batch: true },
  retryMaxDelayMs: { ...POSITIVE_NUMBER, fallback: 30_000, batch: true },
};

/** A bad value as an error shows it: numbers as written, strings quoted, other values as JSON or by their type. */
function show(raw: unknown): string {
  if (typeof raw === "number") return String(raw);
  try {
    return JSON.stringify(raw) ?? typeof raw;
  } catch {
    return typeof raw;
  }
}

/**
 * Reads one setting: the `value` given to the option named `option` (unless
 * undefined or null), else the text of the setting's environment variable,
 * else its default. A bad value throws a {@link ConfigurationError} naming
 * the option or the variable it came from, and quoting it.
 */
function resolve<T>(value: unknown, option: string, setting: Setting<T>): T {
  const { env } = setting;
  const fromEnv = value == null && env !== undefined;
  const raw = fromEnv ? readEnv(env) : (value ?? undefined);
  if (raw === undefined) return setting.fallback;
  const parsed = setting.parse(raw);
  if (parsed === undefined) throw new ConfigurationError(fromEnv ? env : option, `${show(raw)} is not ${setting.expected}.`);
  return parsed;
}

/** The Authorization header: Basic auth from a username and password, else a Bearer token. */
function authHeaders(options: TracingOptions): Record<string, string> {
  const username = options.trackingServerUsername ?? readEnv("MLFLOW_TRACKING_USERNAME");
  const password = options.trackingServerPassword ?? readEnv("MLFLOW_TRACKING_PASSWORD");
  const token = options.trackingServerToken ?? readEnv("MLFLOW_TRACKING_TOKEN");
  if (username !== undefined || password !== undefined) {
    if (username === undefined || password === undefined) {
      const missing = username === undefined ? "trackingServerUsername / MLFLOW_TRACKING_USERNAME" : "trackingServerPassword / MLFLOW_TRACKING_PASSWORD";
      throw new ConfigurationError(missing, "basic auth needs both a username and a password.");
    }
    // btoa takes Latin-1 only: encode the UTF-8 bytes one char each.
    let binary = "";
    for (const b of new TextEncoder().encode(`${username}:${password}`)) binary += String.fromCharCode(b);
    return { Authorization: `Basic ${btoa(binary)}` };
  }
  return token === undefined ? {} : { Authorization: `Bearer ${token}` };
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

  const experimentId = resolve(options.experimentId, "experimentId", EXPERIMENT_ID);
  const experimentName = experimentId === undefined ? (options.experimentName ?? readEnv("MLFLOW_EXPERIMENT_NAME")) : undefined;

  const fetchImpl = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
  if (!fetchImpl) throw new ConfigurationError("fetch", "this runtime has no global fetch; pass init({ fetch }).");

  const resolved: Record<string, unknown> = {
    trackingUri,
    experimentId: experimentId ?? (experimentName === undefined ? "0" : undefined),
    experimentName,
    headers: authHeaders(options),
    serialize: options.serialize,
    fetch: fetchImpl,
  };
  for (const [key, setting] of Object.entries(SETTINGS)) {
    const given = (setting.batch ? options.batch : options) as Record<string, unknown> | undefined;
    resolved[key] = resolve(given?.[key], setting.batch ? `batch.${key}` : key, setting);
  }
  return resolved as unknown as ResolvedTracingOptions;
}
