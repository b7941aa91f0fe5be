import { readSetting, type Rule } from "../config/resolve-options";
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

/** A setting taken as given. */
const ANY: Rule = [(raw) => raw, ""];

/** Kong's proxy URL: any http(s) URL (credentials, a query or a fragment are refused after). */
const HTTP_URL: Rule = [
  (raw) => {
    try {
      const url = new URL(String(raw).trim());
      return /^https?:$/.test(url.protocol) ? url : undefined;
    } catch {
      return undefined;
    }
  },
  "an http(s) URL like http://localhost:8000",
];

const ROUTE_PATH: Rule = [(raw) => (/[?#\s]/.test(raw as string) ? undefined : raw), "a route path like /openai"];

const HEADER_NAME: Rule = [(raw) => (/^[\w!#$%&'*+.^`|~-]+$/.test(raw as string) ? raw : undefined), "a valid header name"];

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
  /** A setting: the option when given, else its environment variable (see {@link readSetting}). */
  const read = <T = string>(name: keyof KongGatewaySettings, env: string, rule = ANY) => readSetting(settings[name], name, env, rule) as T | undefined;
  const url = read<URL>("url", "KONG_GATEWAY_URL", HTTP_URL);
  if (!url) throw new ConfigurationError("url", "not set; pass kongGateway({ url }) or set KONG_GATEWAY_URL.");
  // Quotes the origin only, so that no message shows the credentials.
  if (url.username || url.password || url.search || url.hash)
    throw new ConfigurationError(settings.url == null ? "KONG_GATEWAY_URL" : "url", `"${url.origin}…" has credentials, a query or a fragment; use consumerKey or routePath.`);
  const urlPath = url.pathname.replace(/\/+$/, "");
  const route = read("routePath", "KONG_ROUTE_PATH", ROUTE_PATH);
  const routePath = route === undefined ? urlPath || "/v1" : `${urlPath}/${route.replace(/^\/+|\/+$/g, "")}`.replace(/\/+$/, "") || "/";

  const headers: Record<string, string> = { ...settings.headers };
  const consumerKey = read("consumerKey", "KONG_API_KEY");
  if (consumerKey !== undefined) headers[read("consumerKeyHeader", "KONG_API_KEY_HEADER", HEADER_NAME) ?? "apikey"] = consumerKey;
  const bearer = read("bearerKey", "OPENAI_API_KEY");
  registerSecret(consumerKey);
  registerSecret(bearer);
  const origin = url.origin;
  return {
    clientOptions: { baseURL: origin + (routePath === "/" ? "" : routePath), apiKey: bearer ?? GATEWAY_MANAGED_API_KEY, defaultHeaders: headers },
    model: read("model", "KONG_DEFAULT_MODEL"),
    origin,
    routePath,
  };
}
