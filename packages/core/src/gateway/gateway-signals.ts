import { SpanAttributeKey } from "../tracing/attribute-keys";
import { forEachHeader, type HeadersLike } from "./headers-like";
import { GatewayAttributeKey as K, GenAiAttributeKey as G } from "./signal-keys";

/** `2024-08-06`, `0613`, `20240620`: the suffixes providers add to name a model's snapshot. */
const DATED_SUFFIX = /^(\d{4}-\d{2}-\d{2}|\d{4}|\d{8})$/;

const RATE_LIMIT_HEADER = /^(x-ai-ratelimit-|ratelimit-|x-ratelimit-|retry-after$)/;

function num(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value.trim());
  return Number.isFinite(n) ? n : undefined;
}

function kongVersion(via: string | undefined, server: string | undefined): string | undefined {
  for (const source of [via, server]) {
    const match = source ? /kong\/([0-9][\w.-]*)/i.exec(source) : null;
    if (match) return match[1];
  }
  return undefined;
}

function rateLimits(all: ReadonlyMap<string, string>, attributes: Record<string, unknown>): void {
  const found: Record<string, string> = {};
  for (const [name, value] of all) if (RATE_LIMIT_HEADER.test(name)) found[name] = value;
  const names = Object.keys(found);
  if (names.length === 0) return;
  attributes[K.RATE_LIMIT_HEADERS] = found;
  let remainingKey: string | undefined;
  let remaining: number | undefined;
  for (const name of names) {
    if (!name.includes("remaining")) continue;
    const v = num(found[name]);
    if (v !== undefined && (remaining === undefined || v < remaining)) {
      remaining = v;
      remainingKey = name;
    }
  }
  if (remaining !== undefined && remainingKey) {
    attributes[K.RATE_LIMIT_REMAINING] = remaining;
    const limit = num(found[remainingKey.replace("remaining", "limit")]);
    if (limit !== undefined) attributes[K.RATE_LIMIT_LIMIT] = limit;
  }
  const reset = num(found["ratelimit-reset"] ?? found["x-ai-ratelimit-reset"]);
  if (reset !== undefined) attributes[K.RATE_LIMIT_RESET_S] = reset;
  const retryAfter = num(found["retry-after"] ?? found["x-ai-ratelimit-retry-after"]);
  if (retryAfter !== undefined) attributes[K.RETRY_AFTER_S] = retryAfter;
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
  const attributes: Record<string, unknown> = {};
  // One pass over the headers (a `Headers` lookup or iteration is costly), then map lookups.
  const all = new Map<string, string>();
  forEachHeader(headers, (name, value) => {
    if (!all.has(name)) all.set(name, value);
  });
  const headerValue = (name: string) => all.get(name);
  const requestId = headerValue("x-kong-request-id");
  if (requestId) attributes[K.REQUEST_ID] = requestId;

  const modelHeader = headerValue("x-kong-llm-model");
  const served = parseLlmModelHeader(modelHeader);
  if (modelHeader) attributes[K.LLM_MODEL_HEADER] = modelHeader;
  if (served) {
    attributes[G.PROVIDER_NAME] = served.provider;
    attributes[SpanAttributeKey.PROVIDER] = served.provider;
    attributes[K.MODEL_REROUTED] = isRerouted(requestedModel, served.model);
  }

  const upstream = num(headerValue("x-kong-upstream-latency"));
  const proxy = num(headerValue("x-kong-proxy-latency"));
  const response = num(headerValue("x-kong-response-latency"));
  if (upstream !== undefined) attributes[K.UPSTREAM_LATENCY_MS] = upstream;
  if (proxy !== undefined) attributes[K.PROXY_LATENCY_MS] = proxy;
  if (response !== undefined) attributes[K.RESPONSE_LATENCY_MS] = response;

  const via = headerValue("via");
  const server = headerValue("server");
  const version = kongVersion(via, server);
  if (version) attributes[K.VERSION] = version;
  if (requestId || version) attributes[K.PROXIED] = upstream !== undefined || (via !== undefined && /kong\//i.test(via));

  const cache = headerValue("x-cache-status");
  if (cache) {
    attributes[K.CACHE_STATUS] = cache;
    const key = headerValue("x-cache-key");
    if (key) attributes[K.CACHE_KEY] = key;
    const ttl = num(headerValue("x-cache-ttl"));
    if (ttl !== undefined) attributes[K.CACHE_TTL_S] = ttl;
    const age = num(headerValue("age"));
    if (age !== undefined) attributes[K.CACHE_AGE_S] = age;
  }

  rateLimits(all, attributes);

  const upstreamId = headerValue("x-request-id") ?? headerValue("request-id");
  if (upstreamId) attributes[K.UPSTREAM_REQUEST_ID] = upstreamId;
  return attributes;
}
