import { forEachHeader, type HeadersLike } from "./headers-like";
import type { LlmAttributes, SignalKey } from "./signal-keys";

/** `2024-08-06`, `0613`, `20240620`: the suffixes providers add to name a model's snapshot. */
const DATED_SUFFIX = /^(\d{4}-\d{2}-\d{2}|\d{4}|\d{8})$/;

const RATE_LIMIT_HEADER = /^(x-ai-ratelimit-|ratelimit-|x-ratelimit-|retry-after$)/;

/**
 * The headers recorded as they came, `[header, attribute, numeric]` (a numeric
 * one only when it reads as a number); the first one recorded wins
 * (`x-request-id` over `request-id`). The cache ones come last: they count
 * only with `X-Cache-Status` (`Age` alone may be any HTTP cache's).
 */
const SIGNALS: ReadonlyArray<readonly [string, SignalKey, 1?]> = [
  ["x-kong-request-id", "kong.request_id"],
  ["x-kong-llm-model", "kong.llm_model"],
  ["x-kong-upstream-latency", "kong.latency.upstream_ms", 1],
  ["x-kong-proxy-latency", "kong.latency.proxy_ms", 1],
  ["x-kong-response-latency", "kong.latency.response_ms", 1],
  ["x-request-id", "kong.upstream.request_id"],
  ["request-id", "kong.upstream.request_id"],
  ["x-cache-status", "kong.cache.status"],
  ["x-cache-key", "kong.cache.key"],
  ["x-cache-ttl", "kong.cache.ttl_s", 1],
  ["age", "kong.cache.age_s", 1],
];

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
    if (value !== undefined) attributes[key] ??= value;
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

  for (const [header, key, numeric] of SIGNALS) {
    const raw = all.get(header);
    const value = numeric ? num(raw) : raw || undefined;
    if (value !== undefined) set(key, value);
    else if (key === "kong.cache.status") break;
  }
  const served = parseLlmModelHeader(attributes["kong.llm_model"] as string | undefined);
  if (served) {
    attributes["gen_ai.provider.name"] = attributes["mlflow.llm.provider"] = served.provider;
    attributes["kong.model_rerouted"] = isRerouted(requestedModel, served.model);
  }

  // Kong's version, in `Via: 1.1 kong/3.10.0` or else `Server: kong/3.10.0`.
  const via = all.get("via") ?? "";
  const version = /kong\/([0-9][\w.-]*)/i.exec(`${via} ${all.get("server")}`)?.[1];
  set("kong.version", version);
  if (attributes["kong.request_id"] || version) attributes["kong.proxied"] = attributes["kong.latency.upstream_ms"] !== undefined || /kong\//i.test(via);

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
