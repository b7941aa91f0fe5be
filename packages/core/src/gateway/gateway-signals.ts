import { forEachHeader, type HeadersLike } from "./headers-like";
import type { LlmAttributes, SignalKey } from "./signal-keys";

/** `2024-08-06`, `0613`, `20240620`: the suffixes providers add to name a model's snapshot. */
const DATED_SUFFIX = /^(\d{4}-\d{2}-\d{2}|\d{4}|\d{8})$/;

/** Kong's version in `Via: 1.1 kong/3.10.0` or `Server: kong/3.10.0`. */
const KONG_VERSION = /kong\/([0-9][\w.-]*)/i;

const RATE_LIMIT_HEADER = /^(x-ai-ratelimit-|ratelimit-|x-ratelimit-|retry-after$)/;

function num(value: string | undefined): number | undefined {
  const n = Number(value); // trims whitespace; undefined is NaN
  return Number.isFinite(n) ? n : undefined;
}

/** The provider and model in `X-Kong-LLM-Model: <provider>/<model>`. */
export function parseLlmModelHeader(value: string | undefined): { provider: string; model: string } | undefined {
  const slash = value ? value.indexOf("/") : -1;
  return slash > 0 ? { provider: value!.slice(0, slash), model: value!.slice(slash + 1) } : undefined;
}

/**
 * True when `served` is neither the requested model nor a dated variant of it
 * (`gpt-4o` → `gpt-4o-2024-08-06` is the same model; `gpt-4o-mini` is not).
 */
export function isRerouted(requested: string | undefined, served: string | undefined): boolean {
  if (!requested || !served) return false;
  const r = requested.toLowerCase();
  const s = served.toLowerCase();
  return s !== r && !(s.startsWith(`${r}-`) && DATED_SUFFIX.test(s.slice(r.length + 1)));
}

/**
 * Reads what only the gateway knows from a response's headers: Kong's
 * request id, the provider and model that served the call, latencies, cache
 * and rate-limit state, and Kong's version. Headers that are absent give no
 * attribute. `requestedModel` is the body's `model` as sent.
 */
export function gatewaySignals(headers: HeadersLike, requestedModel?: string): Record<string, unknown> {
  const attributes: LlmAttributes = {};
  const set = (key: SignalKey, value: unknown) => {
    if (value !== undefined) attributes[key] = value;
  };
  // One pass over the headers (a `Headers` lookup or iteration is costly), then map lookups.
  const all = new Map<string, string>();
  let limits: Record<string, string> | undefined;
  // The smallest remaining count among the rate-limit headers, and its header.
  let remaining: number | undefined;
  let remainingHeader: string | undefined;
  forEachHeader(headers, (name, value) => {
    if (all.has(name)) return;
    all.set(name, value);
    if (!RATE_LIMIT_HEADER.test(name)) return;
    (limits ??= {})[name] = value;
    const n = name.includes("remaining") ? num(value) : undefined;
    if (n !== undefined && (remaining === undefined || n < remaining)) {
      remaining = n;
      remainingHeader = name;
    }
  });

  /** Records a header's value as is, when present and not empty; returns it. */
  const text = (key: SignalKey, header: string) => {
    const value = all.get(header);
    if (value) attributes[key] = value;
    return value;
  };
  /** Records a header's numeric value, when it has one; returns it. */
  const number = (key: SignalKey, header: string) => {
    const value = num(all.get(header));
    set(key, value);
    return value;
  };

  const requestId = text("kong.request_id", "x-kong-request-id");
  const served = parseLlmModelHeader(text("kong.llm_model", "x-kong-llm-model"));
  if (served) {
    attributes["gen_ai.provider.name"] = attributes["mlflow.llm.provider"] = served.provider;
    attributes["kong.model_rerouted"] = isRerouted(requestedModel, served.model);
  }
  const upstream = number("kong.latency.upstream_ms", "x-kong-upstream-latency");
  number("kong.latency.proxy_ms", "x-kong-proxy-latency");
  number("kong.latency.response_ms", "x-kong-response-latency");

  // Kong's version, in `Via: 1.1 kong/3.10.0` or else `Server: kong/3.10.0`.
  const via = all.get("via") ?? "";
  const version = KONG_VERSION.exec(via)?.[1] ?? KONG_VERSION.exec(all.get("server") ?? "")?.[1];
  set("kong.version", version);
  if (requestId || version) attributes["kong.proxied"] = upstream !== undefined || /kong\//i.test(via);

  // `Age` alone may be any HTTP cache's: the cache signals count only with `X-Cache-Status`.
  if (text("kong.cache.status", "x-cache-status")) {
    text("kong.cache.key", "x-cache-key");
    number("kong.cache.ttl_s", "x-cache-ttl");
    number("kong.cache.age_s", "age");
  }
  text("kong.upstream.request_id", "x-request-id") || text("kong.upstream.request_id", "request-id");

  if (limits) {
    attributes["kong.ratelimit.headers"] = limits;
    set("kong.ratelimit.remaining", remaining);
    // The limit that goes with the smallest remaining count.
    if (remainingHeader) set("kong.ratelimit.limit", num(limits[remainingHeader.replace("remaining", "limit")]));
    set("kong.ratelimit.reset_s", num(limits["ratelimit-reset"] ?? limits["x-ai-ratelimit-reset"]));
    set("kong.ratelimit.retry_after_s", num(limits["retry-after"] ?? limits["x-ai-ratelimit-retry-after"]));
  }
  return attributes;
}
