import { readEnv } from "../config/env";
import { ConfigurationError } from "../errors";
import { registerSecret } from "../export/secrets";

/** Settings of {@link kongGateway}; each falls back to an environment variable. */
export interface KongGatewaySettings {
  /** Kong's proxy URL, e.g. `http://localhost:8000`. May include the route path. Env: `KONG_GATEWAY_URL`. */
  url?: string;
  /** The route path of the AI route, e.g. `/openai`. Default `/v1` when the URL has no path. Env: `KONG_ROUTE_PATH`. */
  routePath?: string;
  /** A Kong consumer key for the key-auth plugin, sent in the `apikey` header. Env: `KONG_API_KEY`. */
  consumerKey?: string;
  /** The header key-auth reads. Default `apikey`. Env: `KONG_API_KEY_HEADER`. */
  consumerKeyHeader?: string;
  /**
   * A provider key passed through as `Authorization: Bearer …`, for routes
   * where Kong does not hold the provider credentials. Env: `OPENAI_API_KEY`.
   */
  bearerKey?: string;
  /** Extra headers on every request (e.g. `x-model` for templated routes). */
  headers?: Record<string, string>;
  /** The model to ask for by default. Env: `KONG_DEFAULT_MODEL`. */
  model?: string;
}

/** Options for `new OpenAI(...)`: the gateway's base URL, key and headers. */
export interface KongClientOptions {
  baseURL: string;
  apiKey: string;
  defaultHeaders: Record<string, string>;
}

/** A resolved gateway: client options to pass to `new OpenAI(...)` and the default model. */
export interface KongGateway {
  /** Pass to `new OpenAI(gateway.clientOptions)`. */
  clientOptions: KongClientOptions;
  /** The default model from the settings, if any. */
  model: string | undefined;
  /** The gateway's origin, e.g. `http://localhost:8000`. */
  origin: string;
  /** The route path, e.g. `/v1`. */
  routePath: string;
}

/**
 * The API key the OpenAI SDK sends when Kong holds the provider credentials:
 * the SDK insists on a key, and Kong's ai-proxy replaces the header anyway.
 */
export const GATEWAY_MANAGED_API_KEY = "kong-managed";

/** The error for a setting's bad value. */
function invalid(setting: string, value: string, problem: string): ConfigurationError {
  return new ConfigurationError(setting, `"${value}" ${problem}.`);
}

/** Kong's proxy URL from `raw`, or a ConfigurationError blaming `setting`. */
function parseUrl(raw: string, setting: string): URL {
  let url: URL | undefined;
  try {
    url = new URL(raw.trim());
  } catch {
    // reported below
  }
  if (!url || !/^https?:$/.test(url.protocol)) throw invalid(setting, raw, "is not an http(s) URL like http://localhost:8000");
  // Checked first, so that no message quotes the credentials.
  if (url.username || url.password) throw invalid(setting, url.origin, "has credentials in it; use consumerKey instead");
  if (url.search || url.hash) throw invalid(setting, raw, "has a query or fragment; put the route in routePath");
  return url;
}

/**
 * Turns gateway settings into OpenAI client options, so no code joins URLs
 * or sets headers by hand. Throws a {@link ConfigurationError} naming the
 * setting at fault.
 *
 * @example
 * const gateway = kongGateway({ url: "http://localhost:8000", routePath: "/openai", consumerKey: process.env.KONG_API_KEY });
 * const client = tracedOpenAI(new OpenAI(gateway.clientOptions));
 */
export function kongGateway(settings: KongGatewaySettings = {}): KongGateway {
  /** A setting's value and the name to blame for it: the option when given, else its environment variable. */
  const read = (name: Exclude<keyof KongGatewaySettings, "headers">, env: string): [string | undefined, string] => {
    const value = settings[name];
    return value != null ? [value, name] : [readEnv(env), env];
  };
  const [rawUrl, urlSetting] = read("url", "KONG_GATEWAY_URL");
  if (rawUrl === undefined) throw new ConfigurationError("url", "no Kong gateway URL; pass kongGateway({ url }) or set KONG_GATEWAY_URL.");
  const url = parseUrl(rawUrl, urlSetting);
  const urlPath = url.pathname.replace(/\/+$/, "");
  const [rawRoute, routeSetting] = read("routePath", "KONG_ROUTE_PATH");
  if (rawRoute !== undefined && /[?#\s]/.test(rawRoute)) throw invalid(routeSetting, rawRoute, "is not a route path like /openai");
  const routePath = rawRoute === undefined ? urlPath || "/v1" : `${urlPath}/${rawRoute.replace(/^\/+|\/+$/g, "")}`.replace(/\/+$/, "") || "/";

  const headers: Record<string, string> = { ...settings.headers };
  const [consumerKey] = read("consumerKey", "KONG_API_KEY");
  if (consumerKey !== undefined) {
    const [header = "apikey", headerSetting] = read("consumerKeyHeader", "KONG_API_KEY_HEADER");
    if (!/^[\w!#$%&'*+.^`|~-]+$/.test(header)) throw invalid(headerSetting, header, "is not a valid header name");
    headers[header] = consumerKey;
  }
  const [bearer] = read("bearerKey", "OPENAI_API_KEY");
  registerSecret(consumerKey);
  registerSecret(bearer);
  const origin = url.origin;
  return {
    clientOptions: { baseURL: origin + (routePath === "/" ? "" : routePath), apiKey: bearer ?? GATEWAY_MANAGED_API_KEY, defaultHeaders: headers },
    model: read("model", "KONG_DEFAULT_MODEL")[0],
    origin,
    routePath,
  };
}
