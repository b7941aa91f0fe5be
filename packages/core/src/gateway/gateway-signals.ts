import { forEachHeader, type HeadersLike } from "./headers-like";
import type { LlmAttributes, SignalKey } from "./signal-keys";

/** `2024-08-06`, `0613`, `20240620`: the suffixes providers add to name a model's snapshot. */
const DATED_SUFFIX = /^(\d{4}-\d{2}-\d{2}|\d{4}|\d{8})$/;

const RATE_LIMIT_HEADER = /^(x-ai-ratelimit-|ratelimit-|x-ratelimit-|retry-after$)/;

function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

/** Kong's version in `Via: 1.1 kong/3.10.0` or `Server: kong/3.10.0`. */
function kongVersionIn(header: string | undefined): string | undefined {
  return header ? /kong\/([0-9][\w.-]*)/i.exec(header)?.[1] : undefined;
}

/** The rate-limit attributes, from the rate-limit headers (lower-cased names). */
function rateLimits(found: Record<string, string>, attributes: LlmAttributes): void {
  attributes["kong.ratelimit.headers"] = found;
  let remainingKey: string | undefined;
  let remaining: number | undefined;
  for (const name of Object.keys(found)) {
    if (!name.includes("remaining")) continue;
    const v = num(found[name]);
    if (v !== undefined && (remaining === undefined || v < remaining)) {
      remaining = v;
      remainingKey = name;
    }
  }
  if (remaining !== undefined && remainingKey) {
    attributes["kong.ratelimit.remaining"] = remaining;
    const limit = num(found[remainingKey.replace("remaining", "limit")]);
    if (limit !== undefined) attributes["kong.ratelimit.limit"] = limit;
  }
  const reset = num(found["ratelimit-reset"] ?? found["x-ai-ratelimit-reset"]);
  if (reset !== undefined) attributes["kong.ratelimit.reset_s"] = reset;
  const retryAfter = num(found["retry-after"] ?? found["x-ai-ratelimit-retry-after"]);
  if (retryAfter !== undefined) attributes["kong.ratelimit.retry_after_s"] = retryAfter;
}

/** The provider and model in `X-Kong-LLM-Model: <provider>/<model>`. */
export function parseLlmModelHeader(value: string | undefined): { provider: string; model: string } | undefined {
  if (!value) return undefined;
  const slash = value.indexOf("/");
  if (slash <= 0) return undefined;
  return { provider: value.slice(0, slash), model: value.slice(slash + 1) };
}

/**
 * True when `served` is neither the requested model nor a dated variant of it
 * (`gpt-4o` → `gpt-4o-2024-08-06` is the same model; `gpt-4o-mini` is not).
 */
export function isRerouted(requested: string | undefined, served: string | undefined): boolean {
  if (!requested || !served) return false;
  const r = requested.toLowerCase();
  const s = served.toLowerCase();
  if (s === r) return false;
  return !(s.startsWith(`${r}-`) && DATED_SUFFIX.test(s.slice(r.length + 1)));
}

/**
 * Reads what only the gateway knows from a response's headers: Kong's
 * request id, the provider and model that served the call, latencies, cache
 * and rate-limit state, and Kong's version. Headers that are absent give no
 * attribute. `requestedModel` is the body's `model` as sent.
 */
export function gatewaySignals(headers: HeadersLike, requestedModel?: string): Record<string, unknown> {
  const attributes: LlmAttributes = {};
  // One pass over the headers (a `Headers` lookup or iteration is costly), then map lookups.
  const all = new Map<string, string>();
  let rateLimitHeaders: Record<string, string> | undefined;
  forEachHeader(headers, (name, value) => {
    if (all.has(name)) return;
    all.set(name, value);
    if (RATE_LIMIT_HEADER.test(name)) (rateLimitHeaders ??= {})[name] = value;
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
    if (value !== undefined) attributes[key] = value;
    return value;
  };

  const requestId = text("kong.request_id", "x-kong-request-id");
  const served = parseLlmModelHeader(text("kong.llm_model", "x-kong-llm-model"));
  if (served) {
    attributes["gen_ai.provider.name"] = served.provider;
    attributes["mlflow.llm.provider"] = served.provider;
    attributes["kong.model_rerouted"] = isRerouted(requestedModel, served.model);
  }

  const upstream = number("kong.latency.upstream_ms", "x-kong-upstream-latency");
  number("kong.latency.proxy_ms", "x-kong-proxy-latency");
  number("kong.latency.response_ms", "x-kong-response-latency");

  const via = all.get("via");
  const version = kongVersionIn(via) ?? kongVersionIn(all.get("server"));
  if (version) attributes["kong.version"] = version;
  if (requestId || version) attributes["kong.proxied"] = upstream !== undefined || (via !== undefined && /kong\//i.test(via));

  if (text("kong.cache.status", "x-cache-status")) {
    text("kong.cache.key", "x-cache-key");
    number("kong.cache.ttl_s", "x-cache-ttl");
    number("kong.cache.age_s", "age");
  }

  if (rateLimitHeaders) rateLimits(rateLimitHeaders, attributes);

  if (text("kong.upstream.request_id", "x-request-id") === undefined) text("kong.upstream.request_id", "request-id");
  return attributes;
}
