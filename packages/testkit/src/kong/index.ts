/**
 * A local stand-in for Kong AI Gateway (ai-proxy with the openai provider)
 * and the deterministic fake OpenAI upstream behind it. Node.js only.
 */
export {
  startKongStandin,
  KONG_504_TIMEOUT_MS,
  type KongStandin,
  type KongStandinOptions,
} from "./start-kong-standin";
export {
  KONG_STANDIN_DEFAULTS,
  type KongStandinConfig,
  type KongRouteType,
  type ModelAliasTarget,
  type KeyAuthConfig,
  type KeyAuthCredential,
  type RateLimitConfig,
  type CacheConfig,
} from "./kong-standin-config";
export {
  startFakeOpenAIUpstream,
  type FakeOpenAIUpstream,
  type FakeOpenAIUpstreamConfig,
  type FakeOpenAIUpstreamOptions,
} from "./fake-openai-upstream";
export {
  FAULT_SCENARIOS,
  SCENARIO_HEADER,
  CHUNK_DELAY_HEADER,
  FAULT_AFTER_CHUNKS_HEADER,
  isFaultScenario,
  type FaultScenario,
} from "./fault-scenario";
export type { RecordedRequest } from "./recorded-request";
export { KONG_MESSAGES } from "./kong-error-response";
export { AI_PROXY_MESSAGES } from "./ai-proxy-request";
export { KONG_SSE_TRANSFORMER_ERROR } from "./kong-sse-normalizer";
export { toDatedModel } from "./dated-model";
export { fakeEmbedding } from "./fake-embeddings";
export { TOOL_ARGUMENT_SLICE } from "./fake-chat-completions";
export { sseDataPayloads, sseJsonPayloads } from "./sse-data-payloads";
export { rawHttpRequest, type RawHttpResponse } from "./raw-http-request";
