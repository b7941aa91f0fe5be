import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { KONG_SSE_TRANSFORMER_ERROR } from "./kong-sse-normalizer";
import { sseDataPayloads } from "./sse-data-payloads";
import { startKongStandin, type KongStandin } from "./start-kong-standin";

let kong: KongStandin;
beforeAll(async () => {
  kong = await startKongStandin();
});
afterAll(() => kong.close());
beforeEach(() => kong.reset());

const chat = (content = "one two three four", extra: Record<string, unknown> = {}) => ({
  model: "gpt-4o",
  messages: [{ role: "user", content }],
  ...extra,
});

function post(body: unknown, scenario?: string, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`${kong.baseURL}/chat/completions`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: "Bearer sk-test",
      "accept-encoding": "identity",
      ...(scenario ? { "x-standin-scenario": scenario } : {}),
      ...headers,
    },
    body: JSON.stringify(body),
  });
}

/** Reads a body to the end or until the connection breaks; reports which. */
async function readUntilEndOrError(res: Response): Promise<{ text: string; error: unknown }> {
  const reader = res.body!.getReader();
  let text = "";
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, error: undefined };
      text += Buffer.from(value).toString();
    }
  } catch (error) {
    return { text, error };
  }
}

function expectProxiedWithoutModel(res: Response): void {
  expect(res.headers.get("via")).toBe("1.1 kong/3.10.0");
  expect(res.headers.get("x-kong-upstream-latency")).toMatch(/^\d+$/);
  expect(res.headers.get("x-kong-proxy-latency")).toMatch(/^\d+$/);
  expect(res.headers.get("x-kong-response-latency")).toBeNull();
  expect(res.headers.get("x-kong-llm-model")).toBeNull();
  expect(res.headers.get("x-request-id")).toMatch(/^req_/);
}

describe("upstream errors pass through (spec §2.3)", () => {
  it("upstream-error-401: OpenAI's invalid_api_key body, proxied headers, no X-Kong-LLM-Model", async () => {
    const res = await post(chat(), "upstream-error-401");
    expect(res.status).toBe(401);
    expectProxiedWithoutModel(res);
    expect(res.headers.get("content-type")).toBe("application/json");
    expect(await res.json()).toEqual({
      error: {
        message: "Incorrect API key provided: sk-****st. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
  });

  it("upstream-error-500-html: the HTML page passes through", async () => {
    const res = await post(chat(), "upstream-error-500-html");
    expect(res.status).toBe(500);
    expectProxiedWithoutModel(res);
    expect(res.headers.get("content-type")).toBe("text/html");
    expect(await res.text()).toContain("<center><h1>500 Internal Server Error</h1></center>");
  });

  it("upstream-429: OpenAI's rate-limit error and headers pass through", async () => {
    const res = await post(chat(), "upstream-429");
    expect(res.status).toBe(429);
    expectProxiedWithoutModel(res);
    expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("0");
    expect((await res.json()).error).toMatchObject({ code: "rate_limit_exceeded", type: "requests" });
  });

  it("forces text/event-stream on a passed-through error in stream mode", async () => {
    const res = await post(chat("x", { stream: true }), "upstream-error-401");
    expect(res.status).toBe(401);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(JSON.parse(await res.text()).error.code).toBe("invalid_api_key");
  });
});

describe("Kong gateway errors (spec §2.1)", () => {
  const cases: Array<[string, number, string, number]> = [
    ["kong-502", 502, "An invalid response was received from the upstream server", 1],
    ["kong-503", 503, "The upstream server is currently unavailable", 0],
    ["kong-504", 504, "The upstream server is timing out", 1],
  ];
  for (const [scenario, status, message, upstreamCalls] of cases) {
    it(`${scenario}: ${status} with the Kong template and short-circuit headers`, async () => {
      const res = await post(chat(), scenario);
      expect(res.status).toBe(status);
      expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
      expect(res.headers.get("server")).toBe("kong/3.10.0");
      expect(res.headers.get("x-kong-response-latency")).toMatch(/^\d+$/);
      expect(res.headers.get("via")).toBeNull();
      expect(res.headers.get("x-kong-llm-model")).toBeNull();
      const id = res.headers.get("x-kong-request-id");
      expect(await res.text()).toBe(`{\n  "message":"${message}",\n  "request_id":"${id}"\n}`);
      expect(kong.upstreamRequests).toHaveLength(upstreamCalls);
    });
  }

  it("times out on a real slow upstream with upstreamTimeoutMs (504 before headers, a cut stream after)", async () => {
    kong.configure({ upstreamTimeoutMs: 100 });
    kong.upstream.configure({ latencyMs: 300 });
    expect((await post(chat())).status).toBe(504);
    kong.upstream.configure({ latencyMs: 0 });
    const res = await post(chat("x", { stream: true }), "slow-stream", { "x-standin-chunk-delay-ms": "300" });
    expect(res.status).toBe(200);
    const { text, error } = await readUntilEndOrError(res);
    expect(error).toBeDefined();
    expect(text).not.toContain("[DONE]");
  });

  it("a body cut mid-way on a non-stream request gives 502", async () => {
    const res = await post(chat(), "stream-cut");
    expect(res.status).toBe(502);
  });
});

describe("bad upstream 200s (spec §2.2 row 8, §2.2 SSE)", () => {
  it("missing-choices: 500 transformation failed, with X-Kong-LLM-Model (service status was 200)", async () => {
    const res = await post(chat(), "missing-choices");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(
      `{"error":{"message":"transformation failed from type openai://llm/v1/chat: 'choices' not in llm/v1/chat response"}}`,
    );
    expect(res.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");
    expect(res.headers.get("via")).toBe("1.1 kong/3.10.0");
  });

  it("non-json-200: 500 failed to decode", async () => {
    const res = await post(chat(), "non-json-200");
    expect(res.status).toBe(500);
    expect(await res.text()).toBe(
      `{"error":{"message":"transformation failed from type openai://llm/v1/chat: failed to decode llm/v1/chat response"}}`,
    );
  });

  it("non-json-200 on a stream: Kong's single transformer-error frame, without newline", async () => {
    const res = await post(chat("x", { stream: true }), "non-json-200");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(await res.text()).toBe(KONG_SSE_TRANSFORMER_ERROR);
  });

  it("stream-garbage: the malformed frame passes through mid-stream, the stream completes", async () => {
    const text = await (await post(chat("a b", { stream: true }), "stream-garbage")).text();
    const data = sseDataPayloads(text);
    expect(data[2]).toBe('{"choices":[{"delta":{"content":"trunc');
    expect(JSON.parse(data[1]!).choices[0].delta.content).toBe("Echo:");
    expect(data.at(-1)).toBe("[DONE]");
  });

  it("stream-cut: N chunks, then the connection dies without [DONE]", async () => {
    kong.configure({ faultAfterChunks: 3 });
    const res = await post(chat("x", { stream: true }), "stream-cut");
    expect(res.status).toBe(200);
    const { text, error } = await readUntilEndOrError(res);
    expect(error).toBeDefined();
    expect(sseDataPayloads(text)).toHaveLength(3);
    expect(text).not.toContain("[DONE]");
  });
});

describe("slow-stream and scenario selection", () => {
  it("non-stream: the whole generation time shows in X-Kong-Upstream-Latency", async () => {
    const res = await post(chat("a b"), "slow-stream", { "x-standin-chunk-delay-ms": "40" });
    expect(res.status).toBe(200);
    // As long as streaming would take: 5 gaps (3 pieces, finish, [DONE] after the role chunk) × 40 ms.
    expect(Number(res.headers.get("x-kong-upstream-latency"))).toBeGreaterThanOrEqual(190);
  });

  it("config fault applies to every request; the header overrides it", async () => {
    kong.configure({ fault: "kong-503" });
    expect((await post(chat())).status).toBe(503);
    expect((await post(chat(), "upstream-429")).status).toBe(429);
    kong.configure({ fault: "upstream-error-401" });
    expect((await post(chat())).status).toBe(401);
    expect(kong.upstreamRequests.at(-1)!.headers["x-standin-scenario"]).toBe("upstream-error-401");
    kong.configure({ fault: undefined });
    expect((await post(chat())).status).toBe(200);
    expect(() => kong.configure({ fault: "nope" as never })).toThrow(TypeError);
  });

  it("an unknown scenario header comes back as an upstream 400", async () => {
    const res = await post(chat(), "typo");
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^Unknown x-standin-scenario "typo"/);
  });

  it("serves many scenarios concurrently on one server", async () => {
    const plan: Array<[string | undefined, number]> = [
      [undefined, 200],
      ["kong-502", 502],
      ["kong-503", 503],
      ["upstream-error-401", 401],
      ["upstream-429", 429],
      ["missing-choices", 500],
    ];
    const results = await Promise.all(
      Array.from({ length: 30 }, (_, i) => plan[i % plan.length]!).map(async ([scenario, status]) => {
        const res = await post(chat(), scenario);
        await res.text();
        return [res.status, status];
      }),
    );
    for (const [got, want] of results) expect(got).toBe(want);
  });
});
