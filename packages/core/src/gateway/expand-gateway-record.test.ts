import { describe, expect, it } from "vitest";
import { expandGatewayRecord } from "./expand-gateway-record";
import { GATEWAY_RECORD_KEY, gatewayHeaders } from "./gateway-record";

const kongHeaders = new Headers({
  "X-Kong-Request-Id": "abc",
  "X-Kong-LLM-Model": "openai/gpt-4o-2024-08-06",
  "X-Kong-Upstream-Latency": "12",
  Via: "1.1 kong/3.10.0",
  "Set-Cookie": "session=secret",
  "Content-Type": "application/json",
});

describe("gatewayHeaders", () => {
  it("keeps the headers the gateway signals come from, and nothing else", () => {
    expect(gatewayHeaders(kongHeaders)).toEqual({
      "x-kong-request-id": "abc",
      "x-kong-llm-model": "openai/gpt-4o-2024-08-06",
      "x-kong-upstream-latency": "12",
      via: "1.1 kong/3.10.0",
    });
    expect(gatewayHeaders({ "X-RateLimit-Remaining-Requests": "9", "Retry-After": "3", Age: "5", "X-Cache-Status": "Hit", "request-id": "req_1", Authorization: "Bearer sk" })).toEqual({
      "x-ratelimit-remaining-requests": "9",
      "retry-after": "3",
      age: "5",
      "x-cache-status": "Hit",
      "request-id": "req_1",
    });
  });
});

describe("expandGatewayRecord", () => {
  it("returns the same object when there is no record", () => {
    const attributes = { a: 1 };
    expect(expandGatewayRecord(attributes)).toBe(attributes);
  });

  it("replaces the record with the gateway's signals, read against the requested model", () => {
    const expanded = expandGatewayRecord({ "gen_ai.request.model": "gpt-4o", [GATEWAY_RECORD_KEY]: { headers: gatewayHeaders(kongHeaders) } });
    expect(expanded).toEqual({
      "gen_ai.request.model": "gpt-4o",
      "kong.request_id": "abc",
      "kong.llm_model": "openai/gpt-4o-2024-08-06",
      "gen_ai.provider.name": "openai",
      "mlflow.llm.provider": "openai",
      "kong.model_rerouted": false,
      "kong.latency.upstream_ms": 12,
      "kong.version": "3.10.0",
      "kong.proxied": true,
    });
  });

  it("classifies an error from its body and whether Kong proxied the call", () => {
    const kongError = { headers: { "x-kong-request-id": "r1", server: "kong/3.10.0" }, errorBody: '{"message":"no Route matched","request_id":"r1"}' };
    expect(expandGatewayRecord({ [GATEWAY_RECORD_KEY]: kongError })).toMatchObject({ "kong.error.source": "kong", "kong.error.message": "no Route matched", "kong.error.request_id": "r1", "kong.proxied": false });
    const upstream = { headers: { "x-kong-request-id": "r2", "x-kong-upstream-latency": "5", via: "1.1 kong/3.10.0" }, errorBody: null };
    expect(expandGatewayRecord({ [GATEWAY_RECORD_KEY]: upstream })).toMatchObject({ "kong.error.source": "upstream", "kong.proxied": true });
    // no errorBody key: the call did not fail with an HTTP status
    expect(expandGatewayRecord({ [GATEWAY_RECORD_KEY]: { headers: {} } })).not.toHaveProperty("kong.error.source");
  });

  it("lets attributes set on the span win over derived ones", () => {
    expect(expandGatewayRecord({ "kong.request_id": "mine", [GATEWAY_RECORD_KEY]: { headers: { "x-kong-request-id": "abc" } } })["kong.request_id"]).toBe("mine");
  });

  it("drops a record it cannot read (a relay gets whatever a page sends) and keeps the rest", () => {
    for (const bad of [null, 42, "text", { headers: { "x-kong-upstream-latency": { not: "a string" }, "x-kong-request-id": 7 } }, { headers: null, errorBody: 12 }]) {
      const expanded = expandGatewayRecord({ kept: true, [GATEWAY_RECORD_KEY]: bad });
      expect(expanded).not.toHaveProperty(GATEWAY_RECORD_KEY);
      expect(expanded.kept).toBe(true);
    }
  });
});
