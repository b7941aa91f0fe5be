import { FAULT_SCENARIOS, isFaultScenario, type FaultScenario } from "./fault-scenario";

/** Route types the stand-in serves (OSS `llm/v1/chat` and `llm/v1/completions`, EE 3.11+ embeddings and responses). */
export type KongRouteType = "llm/v1/chat" | "llm/v1/completions" | "llm/v1/embeddings" | "llm/v1/responses";

/** An ai-proxy-advanced `model_alias` target: which provider and model a client model name selects. */
export interface ModelAliasTarget {
  provider: string;
  model: string;
}

/** A key-auth credential with its consumer. */
export interface KeyAuthCredential {
  key: string;
  /** Consumer username sent upstream as `X-Consumer-Username`. Default `consumer-<n>` (1-based position). */
  username?: string;
}

/** key-auth plugin settings (spec §3). */
export interface KeyAuthConfig {
  /** Accepted keys. A plain string is a credential of consumer `consumer-<n>`. */
  keys: Array<string | KeyAuthCredential>;
  /** Kong `key_names`: header names (any case), also looked up in the query string. Default `["apikey"]`. */
  headerNames?: string[];
  /** Kong `realm`: `WWW-Authenticate: Key realm="<realm>"` instead of plain `Key`. */
  realm?: string;
  /** Kong `hide_credentials`: strip the key before proxying. Default false (Kong forwards it). */
  hideCredentials?: boolean;
}

/** rate-limiting (or ai-rate-limiting-advanced when `ai`) settings. Requests are counted per consumer, else per client IP. */
export interface RateLimitConfig {
  /** Requests allowed per window. */
  limit: number;
  /**
   * Window length. Without `ai` it must be a rate-limiting period: 1 (second),
   * 60 (minute), 3600 (hour) or 86400 (day). With `ai` any positive number.
   */
  windowSeconds: number;
  /** Send the `X-AI-RateLimit-*` family (ai-rate-limiting-advanced) instead of `X-RateLimit-*`. */
  ai?: boolean;
  /** Kong `hide_client_headers`: no limit/remaining headers (Retry-After stays on 429). */
  hideClientHeaders?: boolean;
}

/** ai-semantic-cache settings. The stand-in matches identical request bodies only. */
export interface CacheConfig {
  /** Seconds an entry lives, sent as `X-Cache-Ttl`. Default 300. */
  ttlSeconds?: number;
}

/** Everything the Kong stand-in does, changeable per test with `configure`. */
export interface KongStandinConfig {
  /** Route path prefix; requests outside it get Kong's 404. Default `/v1`. */
  routePath: string;
  /** Kong version in `Via` and `Server`. Default `3.10.0`. */
  version: string;
  /** Plugin `model.provider`, the prefix of `X-Kong-LLM-Model`. Default `openai`. */
  provider: string;
  /**
   * Plugin `route_type`. `auto` (default) picks it from the path: `.../embeddings`,
   * `.../responses`, `.../completions` (not chat) or else `llm/v1/chat`, as if one
   * route per type was configured.
   */
  routeType: KongRouteType | "auto";
  /** Plugin `model.name`. When set, a body `model` must be absent, `""` or equal, else ai-proxy 400. */
  modelName?: string;
  /**
   * ai-proxy-advanced `model_alias`: client model → target. When set, a body
   * `model` that is not a key gets 400 `model not configured`; otherwise the
   * target model goes upstream and `X-Kong-LLM-Model` names the target.
   * Takes precedence over `modelName`.
   */
  modelAlias?: Record<string, ModelAliasTarget>;
  /** Plugin `model_name_header`: send `X-Kong-LLM-Model` on upstream 200s. Default true (a `Kong-Debug` request header forces it). */
  modelNameHeader: boolean;
  /** key-auth in front of the route. */
  keyAuth?: KeyAuthConfig;
  /** rate-limiting in front of the route. */
  rateLimit?: RateLimitConfig;
  /** ai-semantic-cache on the route. */
  cache?: CacheConfig;
  /** OpenTelemetry `http_response_header_for_traceid`: response header carrying the trace id. */
  traceIdResponseHeader?: string;
  /** Write the final `data: [DONE]` without `\n\n`, as Kong 3.9/3.10 do. Default true. */
  sseDoneWithoutTrailingNewline: boolean;
  /** ai-proxy `max_request_body_size` in bytes; larger bodies get the bad-JSON 400. Default 1 MiB. */
  maxRequestBodySize: number;
  /** Upstream read timeout in ms (Kong's default is 60000); exceeding it gives 504 (or a cut stream). */
  upstreamTimeoutMs: number;
  /** Fault scenario for requests without an `x-standin-scenario` header. */
  fault?: FaultScenario;
  /** Delay between chunks in `slow-stream`, in ms. Default 100. */
  slowStreamDelayMs: number;
  /** Chunks sent before `stream-cut` / `stream-garbage` strike. Default 2. */
  faultAfterChunks: number;
}

/** The defaults of {@link KongStandinConfig}. */
export const KONG_STANDIN_DEFAULTS: Readonly<KongStandinConfig> = Object.freeze({
  routePath: "/v1",
  version: "3.10.0",
  provider: "openai",
  routeType: "auto",
  modelNameHeader: true,
  sseDoneWithoutTrailingNewline: true,
  maxRequestBodySize: 1024 * 1024,
  upstreamTimeoutMs: 60_000,
  slowStreamDelayMs: 100,
  faultAfterChunks: 2,
});

const STANDARD_WINDOWS = new Set([1, 60, 3600, 86400]);

/**
 * Applies a patch to a config and validates the result. A key explicitly set
 * to `undefined` goes back to its default (optional features switch off).
 * Throws TypeError/RangeError on an unknown fault or an impossible setting.
 */
export function mergeKongStandinConfig(base: KongStandinConfig, patch: Partial<KongStandinConfig>): KongStandinConfig {
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) {
      if (key in KONG_STANDIN_DEFAULTS) next[key] = (KONG_STANDIN_DEFAULTS as unknown as Record<string, unknown>)[key];
      else delete next[key];
    } else {
      next[key] = value;
    }
  }
  const config = next as unknown as KongStandinConfig;
  if (!config.routePath.startsWith("/")) throw new TypeError(`routePath must start with "/": ${config.routePath}`);
  if (config.fault !== undefined && !isFaultScenario(config.fault)) {
    throw new TypeError(`Unknown fault scenario ${JSON.stringify(config.fault)}; known: ${FAULT_SCENARIOS.join(", ")}`);
  }
  const rl = config.rateLimit;
  if (rl) {
    if (!(rl.limit >= 0) || !(rl.windowSeconds > 0)) throw new RangeError("rateLimit needs limit >= 0 and windowSeconds > 0");
    if (!rl.ai && !STANDARD_WINDOWS.has(rl.windowSeconds)) {
      throw new RangeError(
        `rate-limiting only has second/minute/hour/day windows (1, 60, 3600, 86400 s), got ${rl.windowSeconds}; use ai: true for other windows`,
      );
    }
  }
  return config;
}
