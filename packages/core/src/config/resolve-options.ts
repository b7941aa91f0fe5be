import { ConfigurationError } from "../errors";
import { readEnv } from "./env";
import { normalizeTrackingUri } from "./tracking-uri";
import type { ResolvedTracingOptions, TracingOptions } from "./tracing-options";

/**
 * How one kind of setting is checked: `parse` turns what was given (an
 * option's value or an environment variable's text) into the setting's value,
 * or undefined when it is bad; `expected` says what a good value is, for the
 * error: `<setting>: <value> is not <expected>.`
 */
export type Rule = [parse: (raw: unknown) => unknown, expected: string];

/**
 * A number of at least `min`: counts, sizes and durations (min 1; a fraction
 * is rounded down, so 0.5 would become 0), or a delay that may be 0 (0:
 * export as soon as a trace finishes).
 */
const atLeast = (min: number): Rule => [(raw) => (Number.isFinite(raw) && (raw as number) >= min ? (min ? Math.floor(raw as number) : raw) : undefined), `a number >= ${min}`];
const POSITIVE = atLeast(1);
const DELAY = atLeast(0);

/** A boolean, or its text in an environment variable: 1/true/yes/on, 0/false/no/off. */
const BOOLEAN: Rule = [
  (raw) => {
    const match = /^(?:(1|true|yes|on)|0|false|no|off)$/i.exec(String(raw));
    return match ? !!match[1] : undefined;
  },
  "true or false",
];

const SAMPLE_RATE: Rule = [
  (raw) => {
    const rate = Number(raw);
    return rate >= 0 && rate <= 1 ? rate : undefined;
  },
  "a number from 0 to 1",
];

const TRANSPORT: Rule = [(raw) => (["auto", "otlp", "native"].includes(raw as string) ? raw : undefined), 'one of "auto", "otlp" and "native"'];

const FUNCTION: Rule = [(raw) => (typeof raw === "function" ? raw : undefined), "a function"];

const EXPERIMENT_ID: Rule = [(raw) => (/^[\w-]+$/.test(String(raw)) ? String(raw) : undefined), "a valid MLflow experiment id (letters, digits, _ and -)"];

const TRACKING_URI: Rule = [normalizeTrackingUri, "a valid URL: http:// or https://, no query or fragment (not Databricks)"];

/**
 * The settings of `init()`, checked in this order: the name of the option
 * (`batch.` for those under `batch`, which the resolved options hold at the
 * top level), how it is checked, its default, and its environment variable.
 * `experimentName`, `serialize`, the credentials and `fetch` follow them, in
 * {@link resolveOptions} and {@link authHeaders}.
 */
const SETTINGS: [name: string, rule: Rule, fallback?: unknown, env?: string][] = [
  ["trackingUri", TRACKING_URI, undefined, "MLFLOW_TRACKING_URI"],
  ["experimentId", EXPERIMENT_ID, undefined, "MLFLOW_EXPERIMENT_ID"],
  ["enabled", BOOLEAN, true, "KONG_MLFLOW_TRACING_ENABLED"],
  ["sampleRate", SAMPLE_RATE, 1, "KONG_MLFLOW_SAMPLE_RATE"],
  ["recordInputs", BOOLEAN, true, "KONG_MLFLOW_RECORD_INPUTS"],
  ["recordOutputs", BOOLEAN, true, "KONG_MLFLOW_RECORD_OUTPUTS"],
  ["mask", FUNCTION],
  ["transport", TRANSPORT, "auto", "KONG_MLFLOW_EXPORT_TRANSPORT"],
  ["requestTimeoutMs", POSITIVE, 30_000],
  ["batch.maxBatchSize", POSITIVE, 100],
  ["batch.scheduleDelayMs", DELAY, 200],
  ["batch.maxQueueSize", POSITIVE, 10_000],
  ["batch.maxQueueBytes", POSITIVE, 67_108_864], // 64 MiB,
  ["batch.retryBaseDelayMs", POSITIVE, 500],
  ["batch.retryMaxDelayMs", POSITIVE, 30_000],
];

/** A bad value as an error shows it: numbers as written, strings quoted, other values as JSON or by their type. */
function show(raw: unknown): string {
  try {
    return typeof raw === "number" ? String(raw) : (JSON.stringify(raw) ?? typeof raw);
  } catch {
    return typeof raw;
  }
}

/**
 * One setting: `value` (unless undefined or null), else the text of the
 * environment variable `env`, checked by `rule`; undefined when neither is
 * set. A bad value throws a {@link ConfigurationError} naming the option
 * (`name`) or the variable it came from, and quoting it.
 * @internal
 */
export function readSetting(value: unknown, name: string, env: string | undefined, [parse, expected]: Rule): unknown {
  const variable = value == null ? env : undefined; // read instead of the option
  const raw = variable ? readEnv(variable) : (value ?? undefined);
  const parsed = raw === undefined ? raw : parse(raw);
  if (parsed === undefined && raw !== undefined) throw new ConfigurationError(variable ?? name, `${show(raw)} is not ${expected}.`);
  return parsed;
}

/** The MLflow credentials: each option and its environment variable. */
const CREDENTIALS = [
  ["trackingServerUsername", "MLFLOW_TRACKING_USERNAME"],
  ["trackingServerPassword", "MLFLOW_TRACKING_PASSWORD"],
  ["trackingServerToken", "MLFLOW_TRACKING_TOKEN"],
] as const;

/**
 * The Authorization header: Basic auth from a username and password (the
 * options `trackingServerUsername` / `trackingServerPassword`, or
 * `MLFLOW_TRACKING_USERNAME` / `MLFLOW_TRACKING_PASSWORD`), else a Bearer
 * token (`trackingServerToken` or `MLFLOW_TRACKING_TOKEN`).
 */
function authHeaders(options: TracingOptions): Record<string, string> {
  const [username, password, token] = CREDENTIALS.map(([option, env]) => options[option] ?? readEnv(env));
  if ((username === undefined) !== (password === undefined)) {
    const [option, env] = CREDENTIALS[username === undefined ? 0 : 1];
    throw new ConfigurationError(`${option} / ${env}`, "basic auth needs both a username and a password.");
  }
  // btoa takes Latin-1 only: encode the UTF-8 bytes one char each.
  const auth = username !== undefined ? `Basic ${btoa(String.fromCharCode(...new TextEncoder().encode(`${username}:${password}`)))}` : token !== undefined && `Bearer ${token}`;
  return auth ? { Authorization: auth } : {};
}

/**
 * Applies environment variables and defaults to `init()` options, and checks
 * them. Each setting is the option's value (unless undefined or null), else
 * the text of its environment variable, else its default. A bad value throws
 * a {@link ConfigurationError} naming the option or the variable it came
 * from, and quoting it.
 * @internal
 */
export function resolveOptions(options: TracingOptions = {}): ResolvedTracingOptions {
  const resolved: Record<string, unknown> = {};
  for (const [name, rule, fallback, env] of SETTINGS) {
    const path = name.split(".");
    const value = path.reduce<unknown>((given, key) => (given as Record<string, unknown> | undefined)?.[key], options);
    resolved[path.at(-1)!] = readSetting(value, name, env, rule) ?? fallback;
  }
  if (resolved.trackingUri === undefined) throw new ConfigurationError("trackingUri", "not set; pass init({ trackingUri }) or set MLFLOW_TRACKING_URI.");
  // An experiment id wins over a name; with neither, MLflow's Default experiment.
  if (resolved.experimentId === undefined) {
    resolved.experimentName = options.experimentName ?? readEnv("MLFLOW_EXPERIMENT_NAME");
    if (resolved.experimentName === undefined) resolved.experimentId = "0";
  }
  resolved.serialize = options.serialize;
  resolved.headers = authHeaders(options);
  resolved.fetch = options.fetch ?? globalThis.fetch?.bind(globalThis);
  if (!resolved.fetch) throw new ConfigurationError("fetch", "no global fetch here; pass init({ fetch }).");
  return resolved as unknown as ResolvedTracingOptions;
}
