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

function parseUrl(raw: string, setting: string): URL {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw new ConfigurationError(setting, `"${raw}" is not a valid URL. Expected Kong's proxy URL, e.g. http://localhost:8000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(setting, `"${raw}" uses ${url.protocol}; Kong's proxy URL must be http:// or https://.`);
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(setting, `"${raw}" has a query or fragment; give the proxy URL and put the route in routePath.`);
  }
  if (url.username || url.password) {
    throw new ConfigurationError(setting, `"${url.origin}" carries credentials in the URL; pass the consumer key as consumerKey / KONG_API_KEY instead.`);
  }
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
  const urlSetting = settings.url !== undefined ? "url" : "KONG_GATEWAY_URL";
  const rawUrl = settings.url ?? readEnv("KONG_GATEWAY_URL");
  if (rawUrl === undefined) {
    throw new ConfigurationError("url", "no Kong gateway URL. Pass kongGateway({ url }) or set KONG_GATEWAY_URL (e.g. http://localhost:8000).");
  }
  const url = parseUrl(rawUrl, urlSetting);
  const urlPath = url.pathname.replace(/\/+$/, "");
  const rawRoute = settings.routePath ?? readEnv("KONG_ROUTE_PATH");
  let routePath: string;
  if (rawRoute !== undefined) {
    const setting = settings.routePath !== undefined ? "routePath" : "KONG_ROUTE_PATH";
    if (/[?#\s]/.test(rawRoute)) throw new ConfigurationError(setting, `"${rawRoute}" is not a route path; expected something like /openai.`);
    routePath = `${urlPath}/${rawRoute.replace(/^\/+|\/+$/g, "")}`.replace(/\/+$/, "") || "/";
  } else {
    routePath = urlPath || "/v1";
  }

  const headers: Record<string, string> = { ...settings.headers };
  const consumerKey = settings.consumerKey ?? readEnv("KONG_API_KEY");
  if (consumerKey !== undefined) {
    const header = settings.consumerKeyHeader ?? readEnv("KONG_API_KEY_HEADER") ?? "apikey";
    if (!/^[A-Za-z0-9!#$%&'*+.^_`|~-]+$/.test(header)) {
      throw new ConfigurationError(settings.consumerKeyHeader !== undefined ? "consumerKeyHeader" : "KONG_API_KEY_HEADER", `"${header}" is not a valid header name.`);
    }
    headers[header] = consumerKey;
  }
  const bearer = settings.bearerKey ?? readEnv("OPENAI_API_KEY");
  registerSecret(consumerKey);
  registerSecret(bearer);
  const origin = url.origin;
  return {
    clientOptions: { baseURL: `${origin}${routePath === "/" ? "" : routePath}`, apiKey: bearer ?? GATEWAY_MANAGED_API_KEY, defaultHeaders: headers },
    model: settings.model ?? readEnv("KONG_DEFAULT_MODEL"),
    origin,
    routePath,
  };
}
