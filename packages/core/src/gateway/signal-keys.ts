import type { SpanAttributeKey } from "../tracing/attribute-keys";

/**
 * Span attributes a call through Kong carries. Gateway facts live under
 * `kong.*`; facts with an OpenTelemetry GenAI name use it (`gen_ai.*`), and
 * MLflow's own keys (`mlflow.llm.*`) feed its UI's model column.
 */
export const GatewayAttributeKey = {
  /** `X-Kong-Request-Id`: Kong's id of the request (32 hex), also `request_id` in Kong's error bodies. */
  REQUEST_ID: "kong.request_id",
  /** `X-Kong-LLM-Model` as sent, e.g. `openai/gpt-4o`. */
  LLM_MODEL_HEADER: "kong.llm_model",
  /** True when the model that served the call is not the one requested (an alias or balancer picked another). */
  MODEL_REROUTED: "kong.model_rerouted",
  /** `X-Kong-Upstream-Latency` (ms): time the provider took to answer (the whole generation, for non-streaming calls). */
  UPSTREAM_LATENCY_MS: "kong.latency.upstream_ms",
  /** `X-Kong-Proxy-Latency` (ms): time spent in Kong before proxying. */
  PROXY_LATENCY_MS: "kong.latency.proxy_ms",
  /** `X-Kong-Response-Latency` (ms): set when Kong answered itself (auth, rate limit, cache hit, gateway errors). */
  RESPONSE_LATENCY_MS: "kong.latency.response_ms",
  /** True when Kong proxied the call to a provider (`Via` / upstream latency present). */
  PROXIED: "kong.proxied",
  /** Kong's version, from `Via: 1.1 kong/3.10.0` or `Server: kong/3.10.0`. */
  VERSION: "kong.version",
  /** `X-Cache-Status`: Hit, Miss, Bypass or Refresh (ai-semantic-cache). */
  CACHE_STATUS: "kong.cache.status",
  /** `X-Cache-Key`. */
  CACHE_KEY: "kong.cache.key",
  /** `X-Cache-Ttl` (s). */
  CACHE_TTL_S: "kong.cache.ttl_s",
  /** `Age` (s). */
  CACHE_AGE_S: "kong.cache.age_s",
  /** Every rate-limit header as received (`X-AI-RateLimit-*`, `RateLimit-*`, `X-RateLimit-*`, `Retry-After`), lower-cased. */
  RATE_LIMIT_HEADERS: "kong.ratelimit.headers",
  /** The smallest `*-Remaining*` value among the rate-limit headers. */
  RATE_LIMIT_REMAINING: "kong.ratelimit.remaining",
  /** The `*-Limit*` value that goes with the smallest remaining. */
  RATE_LIMIT_LIMIT: "kong.ratelimit.limit",
  /** Seconds until the window resets (`RateLimit-Reset` / `X-AI-RateLimit-Reset`). */
  RATE_LIMIT_RESET_S: "kong.ratelimit.reset_s",
  /** `Retry-After` (s) on a 429. */
  RETRY_AFTER_S: "kong.ratelimit.retry_after_s",
  /** Where an error came from: `kong` (a gateway template body), `ai-proxy` (Kong's AI plugin) or `upstream` (the provider's own body). */
  ERROR_SOURCE: "kong.error.source",
  /** The error message from the body. */
  ERROR_MESSAGE: "kong.error.message",
  /** `request_id` from a Kong error body. */
  ERROR_REQUEST_ID: "kong.error.request_id",
  /** The provider's request id passed through (`x-request-id`, `request-id`). */
  UPSTREAM_REQUEST_ID: "kong.upstream.request_id",
  /** HTTP attempts the SDK made for this call (retries included). */
  ATTEMPTS: "kong.attempts",
} as const;

/** OpenTelemetry GenAI semantic-convention keys used on LLM spans. */
export const GenAiAttributeKey = {
  OPERATION_NAME: "gen_ai.operation.name",
  PROVIDER_NAME: "gen_ai.provider.name",
  REQUEST_MODEL: "gen_ai.request.model",
  RESPONSE_MODEL: "gen_ai.response.model",
  RESPONSE_ID: "gen_ai.response.id",
  FINISH_REASONS: "gen_ai.response.finish_reasons",
  INPUT_TOKENS: "gen_ai.usage.input_tokens",
  OUTPUT_TOKENS: "gen_ai.usage.output_tokens",
  TIME_TO_FIRST_CHUNK_S: "gen_ai.response.time_to_first_chunk",
  HTTP_STATUS: "http.response.status_code",
  SERVER_ADDRESS: "server.address",
} as const;

/**
 * Any value of {@link GatewayAttributeKey} or {@link GenAiAttributeKey}. The
 * instrumentation writes keys as string literals checked against this type:
 * referring to them by property would pull both objects whole into every
 * browser bundle. @internal
 */
export type SignalKey = (typeof GatewayAttributeKey)[keyof typeof GatewayAttributeKey] | (typeof GenAiAttributeKey)[keyof typeof GenAiAttributeKey];

/** Attributes of an LLM call's span, by key: the signal keys and MLflow's (`SpanAttributeKey`). @internal */
export type LlmAttributes = Partial<Record<SignalKey | (typeof SpanAttributeKey)[keyof typeof SpanAttributeKey], unknown>>;
