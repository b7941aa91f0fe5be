import { describe, expect, it } from "vitest";
import { errorSourceAttributes } from "./error-source";
import { gatewaySignals, isRerouted } from "./gateway-signals";

describe("gatewaySignals", () => {
  it("reads a proxied 200 as the spec's checklist shows it", () => {
    const headers = new Headers({
      "x-kong-llm-model": "openai/gpt-4o",
      "x-kong-upstream-latency": "842",
      "x-kong-proxy-latency": "2",
      via: "1.1 kong/3.10.0",
      "x-kong-request-id": "5f3c0d9e1a2b4c6d8e0f1a2b3c4d5e6f",
      "x-request-id": "req_abc",
      "x-ai-ratelimit-limit-minute-openai": "1000",
      "x-ai-ratelimit-remaining-minute-openai": "998",
      "ratelimit-limit": "10",
      "ratelimit-remaining": "7",
      "ratelimit-reset": "42",
    });
    expect(gatewaySignals(headers, "gpt-4o")).toEqual({
      "kong.request_id": "5f3c0d9e1a2b4c6d8e0f1a2b3c4d5e6f",
      "kong.llm_model": "openai/gpt-4o",
      "gen_ai.provider.name": "openai",
      "mlflow.llm.provider": "openai",
      "kong.model_rerouted": false,
      "kong.latency.upstream_ms": 842,
      "kong.latency.proxy_ms": 2,
      "kong.version": "3.10.0",
      "kong.proxied": true,
      "kong.ratelimit.headers": {
        "ratelimit-limit": "10",
        "ratelimit-remaining": "7",
        "ratelimit-reset": "42",
        "x-ai-ratelimit-limit-minute-openai": "1000",
        "x-ai-ratelimit-remaining-minute-openai": "998",
      },
      "kong.ratelimit.remaining": 7,
      "kong.ratelimit.limit": 10,
      "kong.ratelimit.reset_s": 42,
      "kong.upstream.request_id": "req_abc",
    });
  });

  it("reads a short-circuit (cache hit, 429) and flags a rerouted model", () => {
    const hit = gatewaySignals({ "X-Cache-Status": "Hit", "X-Cache-Key": "k1", "X-Cache-Ttl": "300", Age: "12", "X-Kong-Response-Latency": "1", Server: "kong/3.10.0", "X-Kong-Request-Id": "ab" });
    expect(hit).toMatchObject({ "kong.cache.status": "Hit", "kong.cache.key": "k1", "kong.cache.ttl_s": 300, "kong.cache.age_s": 12, "kong.latency.response_ms": 1, "kong.proxied": false, "kong.version": "3.10.0" });
    const limited = gatewaySignals({ "retry-after": "51", "x-ratelimit-remaining-minute": "0", "x-ratelimit-limit-minute": "5" });
    expect(limited).toMatchObject({ "kong.ratelimit.retry_after_s": 51, "kong.ratelimit.remaining": 0, "kong.ratelimit.limit": 5 });
    expect(gatewaySignals({ "x-kong-llm-model": "anthropic/claude-3-haiku" }, "fast")["kong.model_rerouted"]).toBe(true);
  });

  it("treats a dated variant as the same model", () => {
    expect(isRerouted("gpt-4o", "gpt-4o-2024-08-06")).toBe(false);
    expect(isRerouted("gpt-4o", "gpt-4o-mini")).toBe(true);
    expect(isRerouted(undefined, "x")).toBe(false);
  });
});

describe("errorSourceAttributes", () => {
  it("tells Kong's template, ai-proxy's body and the provider's body apart", () => {
    expect(errorSourceAttributes('{\n  "message":"No API key found in request",\n  "request_id":"abc"\n}', false)).toEqual({
      "kong.error.source": "kong",
      "kong.error.message": "No API key found in request",
      "kong.error.request_id": "abc",
    });
    expect(errorSourceAttributes('{"error":{"message":"cannot use own model - must be: gpt-4o"}}', false)).toEqual({
      "kong.error.source": "ai-proxy",
      "kong.error.message": "cannot use own model - must be: gpt-4o",
    });
    expect(errorSourceAttributes('{"error":{"code":"invalid_api_key","message":"Incorrect API key provided"}}', true)).toEqual({
      "kong.error.source": "upstream",
      "kong.error.message": "Incorrect API key provided",
    });
    expect(errorSourceAttributes("<html>oops</html>", true)).toEqual({ "kong.error.source": "upstream", "kong.error.message": "<html>oops</html>" });
  });
});

describe("errorSourceAttributes after proxying", () => {
  it("knows ai-proxy's transformation failure from a provider error by its bare shape", () => {
    expect(errorSourceAttributes('{"error":{"message":"transformation failed from type openai://llm/v1/chat: \'choices\' not in llm/v1/chat response"}}', true)["kong.error.source"]).toBe("ai-proxy");
    expect(errorSourceAttributes('{"error":{"message":"Rate limit reached","type":"requests","param":null,"code":"rate_limit_exceeded"}}', true)["kong.error.source"]).toBe("upstream");
  });
});
