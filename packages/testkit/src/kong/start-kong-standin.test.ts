import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rawHttpRequest } from "./raw-http-request";
import { sseDataPayloads } from "./sse-data-payloads";
import { startKongStandin, type KongStandin } from "./start-kong-standin";

let kong: KongStandin;
beforeAll(async () => {
  kong = await startKongStandin();
});
afterAll(() => kong.close());
beforeEach(() => kong.reset());

const HEX32 = /^[0-9a-f]{32}$/;
const INT = /^\d+$/;
const chat = (content = "hello there", extra: Record<string, unknown> = {}) => ({
  model: "gpt-4o",
  messages: [{ role: "user", content }],
  ...extra,
});

/** POST JSON to the proxy; identity encoding so Content-Length is visible. */
function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(kong.url + path, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      authorization: "Bearer sk-test",
      "accept-encoding": "identity",
      ...headers,
    },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

describe("proxied success (spec §1.1, §1.2, §7)", () => {
  it("sends Kong's proxied headers on a non-stream 200", async () => {
    const res = await post("/v1/chat/completions", chat());
    const text = await res.text();
    expect(res.status).toBe(200);
    const h = res.headers;
    expect(h.get("x-kong-request-id")).toMatch(HEX32);
    expect(h.get("x-kong-upstream-latency")).toMatch(INT);
    expect(h.get("x-kong-proxy-latency")).toMatch(INT);
    expect(h.get("via")).toBe("1.1 kong/3.10.0");
    expect(h.get("server")).toBe("kong/3.10.0");
    expect(h.get("x-kong-response-latency")).toBeNull();
    expect(h.get("x-kong-llm-model")).toBe("openai/gpt-4o");
    expect(h.get("content-type")).toBe("application/json");
    expect(h.get("content-length")).toBe(String(Buffer.byteLength(text)));
    expect(h.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(h.get("openai-processing-ms")).toMatch(INT);
    expect(h.get("x-ratelimit-remaining-requests")).toBe("9999");
    expect(h.get("set-cookie")).toBeNull();
    const body = JSON.parse(text);
    expect(body.model).toBe("gpt-4o-2024-08-06");
    expect(body.choices[0].message.content).toBe("Echo: hello there");
  });

  it("forwards the request upstream with Kong's request headers and a rewritten body", async () => {
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const res = await post("/v1/chat/completions?debug=1", chat("hi", { top_k: 4 }), { traceparent, "x-custom": "kept" });
    await res.text();
    expect(kong.requests).toHaveLength(1);
    expect(kong.upstreamRequests).toHaveLength(1);
    const up = kong.upstreamRequests[0]!;
    expect(up.method).toBe("POST");
    expect(up.path).toBe("/v1/chat/completions?debug=1");
    expect(up.headers["x-kong-request-id"]).toBe(res.headers.get("x-kong-request-id"));
    expect(up.headers.authorization).toBe("Bearer sk-test");
    expect(up.headers.traceparent).toBe(traceparent);
    expect(up.headers["accept-encoding"]).toBe("gzip, identity");
    expect(up.headers["x-custom"]).toBe("kept");
    expect(up.headers["x-forwarded-path"]).toBe("/v1/chat/completions");
    expect(up.json).toEqual(chat("hi", { stream: false }));
    expect(kong.requests[0]!.json).toEqual(chat("hi", { top_k: 4 }));
  });

  it("keeps the upstream's Server header and appends to its Via", async () => {
    kong.upstream.configure({ responseHeaders: { Server: "cloudflare", Via: "1.1 google" } });
    const res = await post("/v1/chat/completions", chat());
    expect(res.headers.get("server")).toBe("cloudflare");
    expect(res.headers.get("via")).toBe("1.1 google, 1.1 kong/3.10.0");
  });

  it("uses the configured version", async () => {
    kong.configure({ version: "3.8.1" });
    const ok = await post("/v1/chat/completions", chat());
    expect([ok.headers.get("via"), ok.headers.get("server")]).toEqual(["1.1 kong/3.8.1", "kong/3.8.1"]);
    const err = await post("/v1/chat/completions", "nope");
    expect(err.headers.get("server")).toBe("kong/3.8.1");
  });

  it("gzips non-stream 200 bodies when the client accepts gzip", async () => {
    const res = await rawHttpRequest(`${kong.baseURL}/chat/completions`, {
      rawHeaders: ["Content-Type", "application/json", "Accept-Encoding", "gzip, deflate"],
      body: JSON.stringify(chat("zip me")),
    });
    expect(res.status).toBe(200);
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(res.headers["content-length"]).toBeUndefined();
    expect(JSON.parse(gunzipSync(res.body).toString()).choices[0].message.content).toBe("Echo: zip me");
  });

  it("names the model from the body when the plugin has none, and the configured one otherwise", async () => {
    const own = await post("/v1/chat/completions", { ...chat(), model: "gpt-3.5-turbo" });
    expect(own.headers.get("x-kong-llm-model")).toBe("openai/gpt-3.5-turbo");
    expect((await own.json()).model).toBe("gpt-3.5-turbo-0613");

    kong.configure({ modelName: "gpt-4o" });
    for (const model of [undefined, "", "gpt-4o"]) {
      const res = await post("/v1/chat/completions", { ...chat(), model });
      expect(res.status, String(model)).toBe(200);
      expect(res.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");
      expect((await res.json()).model).toBe("gpt-4o-2024-08-06");
    }
    expect(kong.upstreamRequests.map((r) => (r.json as { model: string }).model)).toEqual([
      "gpt-3.5-turbo",
      "gpt-4o",
      "gpt-4o",
      "gpt-4o",
    ]);
  });

  it("shows the alias target with modelAlias (ai-proxy-advanced)", async () => {
    kong.configure({
      modelAlias: { fast: { provider: "openai", model: "gpt-4o-mini" }, smart: { provider: "azure", model: "gpt-4.1" } },
    });
    const fast = await post("/v1/chat/completions", { ...chat(), model: "fast" });
    expect(fast.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o-mini");
    expect((await fast.json()).model).toBe("gpt-4o-mini-2024-07-18");
    const smart = await post("/v1/chat/completions", { ...chat(), model: "smart" });
    expect(smart.headers.get("x-kong-llm-model")).toBe("azure/gpt-4.1");
    expect(kong.upstreamRequests.map((r) => (r.json as { model: string }).model)).toEqual(["gpt-4o-mini", "gpt-4.1"]);
    const unknown = await post("/v1/chat/completions", { ...chat(), model: "gpt-4o" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toBe('{"error":{"message":"model not configured"}}');
  });

  it("drops X-Kong-LLM-Model with modelNameHeader false unless Kong-Debug is sent", async () => {
    kong.configure({ modelNameHeader: false });
    expect((await post("/v1/chat/completions", chat())).headers.get("x-kong-llm-model")).toBeNull();
    const debug = await post("/v1/chat/completions", chat(), { "kong-debug": "1" });
    expect(debug.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");
  });

  it("serves embeddings, legacy completions and the Responses API by path", async () => {
    const emb = await post("/v1/embeddings", { model: "text-embedding-3-small", input: "hi", dimensions: 4 });
    expect(emb.status).toBe(200);
    expect(emb.headers.get("x-kong-llm-model")).toBe("openai/text-embedding-3-small");
    expect((await emb.json()).data[0].embedding).toHaveLength(4);
    const cmp = await post("/v1/completions", { model: "gpt-3.5-turbo-instruct", prompt: "p" });
    expect((await cmp.json()).choices[0].text).toBe("Echo: p");
    const resp = await post("/v1/responses", { model: "gpt-4o", input: "r" });
    expect((await resp.json()).output[0].content[0].text).toBe("Echo: r");
    expect(kong.upstreamRequests.map((r) => r.path)).toEqual(["/v1/embeddings", "/v1/completions", "/v1/responses"]);
  });

  it("ignores the path tail on the chat route and follows routePath", async () => {
    const any = await post("/v1/anything/else", chat("x"));
    expect(any.status).toBe(200);
    expect(kong.upstreamRequests[0]!.path).toBe("/v1/chat/completions");
    kong.configure({ routePath: "/openai" });
    expect(kong.baseURL).toBe(`${kong.url}/openai`);
    expect((await post("/openai/chat/completions", chat())).status).toBe(200);
    expect((await post("/v1/chat/completions", chat())).status).toBe(404);
  });
});

describe("streaming (spec §4)", () => {
  it("forces text/event-stream, keeps Kong headers, and ends with data: [DONE] without newline", async () => {
    const res = await post("/v1/chat/completions", chat("hi you", { stream: true }));
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    expect(res.headers.get("content-length")).toBeNull();
    expect(res.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");
    expect(res.headers.get("via")).toBe("1.1 kong/3.10.0");
    expect(res.headers.get("x-kong-upstream-latency")).toMatch(INT);
    const text = await res.text();
    expect(text.endsWith('"finish_reason":"stop"}]}\n\ndata: [DONE]')).toBe(true);
    const data = sseDataPayloads(text);
    expect(data.at(-1)).toBe("[DONE]");
    expect(data.slice(1, 4).map((d) => JSON.parse(d).choices[0].delta.content)).toEqual(["Echo:", " hi", " you"]);
  });

  it("writes data: [DONE]\\n\\n when the quirk is off, and drops Responses event: lines", async () => {
    kong.configure({ sseDoneWithoutTrailingNewline: false });
    const text = await (await post("/v1/chat/completions", chat("x", { stream: true }))).text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const responses = await (await post("/v1/responses", { model: "gpt-4o", input: "x", stream: true })).text();
    expect(responses).not.toMatch(/^event:/m);
    expect(responses.startsWith('data: {"type":"response.created"')).toBe(true);
  });

  it("passes the usage chunk through when include_usage is asked for", async () => {
    const text = await (
      await post("/v1/chat/completions", chat("a b", { stream: true, stream_options: { include_usage: true } }))
    ).text();
    const last = JSON.parse(sseDataPayloads(text).at(-2)!);
    expect(last.choices).toEqual([]);
    expect(last.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(kong.upstreamRequests[0]!.json).toMatchObject({ stream: true, stream_options: { include_usage: true } });
  });

  it("pipes chunks as they come instead of buffering the stream", async () => {
    const res = await post("/v1/chat/completions", chat("one two three four", { stream: true }), {
      "x-standin-scenario": "slow-stream",
      "x-standin-chunk-delay-ms": "80",
    });
    const reader = res.body!.getReader();
    const arrivals: number[] = [];
    const start = performance.now();
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      arrivals.push(performance.now() - start);
    }
    // 8 frames (role, 5 pieces, finish, [DONE]) 80 ms apart: they must not arrive at once.
    expect(arrivals.length).toBeGreaterThanOrEqual(6);
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(400);
    expect(Number(res.headers.get("x-kong-upstream-latency"))).toBeLessThan(200);
  });
});

describe("trace id response header (spec §5.2)", () => {
  it("echoes the incoming trace id, or a fresh one, only when configured", async () => {
    expect((await post("/v1/chat/completions", chat())).headers.get("x-trace-id")).toBeNull();
    kong.configure({ traceIdResponseHeader: "X-Trace-Id" });
    const traceparent = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const res = await post("/v1/chat/completions", chat(), { traceparent });
    expect(res.headers.get("x-trace-id")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
    expect(res.headers.get("traceparent")).toBeNull();
    const fresh = await post("/v1/chat/completions", chat());
    expect(fresh.headers.get("x-trace-id")).toMatch(HEX32);
    const rejected = await post("/v1/chat/completions", "nope", { traceparent });
    expect(rejected.headers.get("x-trace-id")).toBe("4bf92f3577b34da6a3ce929d0e0e4736");
  });
});

describe("Kong and ai-proxy short-circuits (spec §2)", () => {
  async function expectShortCircuit(res: Response, status: number, body: string): Promise<void> {
    expect(res.status).toBe(status);
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(res.headers.get("x-kong-response-latency")).toMatch(INT);
    expect(res.headers.get("server")).toBe("kong/3.10.0");
    expect(res.headers.get("x-kong-request-id")).toMatch(HEX32);
    for (const absent of ["via", "x-kong-upstream-latency", "x-kong-proxy-latency", "x-kong-llm-model"]) {
      expect(res.headers.get(absent), absent).toBeNull();
    }
    expect(await res.text()).toBe(body.replace("<id>", res.headers.get("x-kong-request-id")!));
  }

  it("answers 404 with the Kong template outside the route, in JSON or text", async () => {
    await expectShortCircuit(
      await post("/other", chat()),
      404,
      '{\n  "message":"no Route matched with those values",\n  "request_id":"<id>"\n}',
    );
    const text = await post("/other", chat(), { accept: "text/plain" });
    expect(text.headers.get("content-type")).toBe("text/plain; charset=utf-8");
    expect(await text.text()).toBe(`no Route matched with those values\nrequest_id: ${text.headers.get("x-kong-request-id")}\n`);
  });

  const BAD_JSON = '{"error":{"message":"content-type header does not match request body, or bad JSON formatting"}}';

  it("rejects bad JSON, wrong content types, GETs without body and oversized bodies", async () => {
    await expectShortCircuit(await post("/v1/chat/completions", "{not json"), 400, BAD_JSON);
    await expectShortCircuit(await post("/v1/chat/completions", chat(), { "content-type": "text/plain" }), 400, BAD_JSON);
    await expectShortCircuit(await fetch(`${kong.baseURL}/models`), 400, BAD_JSON);
    kong.configure({ maxRequestBodySize: 64 });
    await expectShortCircuit(await post("/v1/chat/completions", chat("x".repeat(100))), 400, BAD_JSON);
    expect(kong.upstreamRequests).toHaveLength(0);
  });

  it("rejects bodies without prompts, with the wrong model, or without a model", async () => {
    await expectShortCircuit(
      await post("/v1/chat/completions", { model: "gpt-4o", messages: [] }),
      400,
      '{"error":{"message":"request body doesn\'t contain valid prompts"}}',
    );
    await expectShortCircuit(
      await post("/v1/chat/completions", { messages: [{ role: "user", content: "x" }] }),
      400,
      '{"error":{"message":"model parameter not found in request, nor in gateway configuration"}}',
    );
    await expectShortCircuit(
      await post("/v1/chat/completions", { model: "gpt-4o", messages: [{ role: "user", content: "x" }], prompt: "y" }),
      400,
      '{"error":{"message":"request matches multiple LLM request formats"}}',
    );
    kong.configure({ modelName: "gpt-4o" });
    await expectShortCircuit(
      await post("/v1/chat/completions", { ...chat(), model: "gpt-4o-mini" }),
      400,
      '{"error":{"message":"cannot use own model - must be: gpt-4o"}}',
    );
  });
});

describe("concurrency", () => {
  it("gives 50 parallel requests distinct request ids, each forwarded upstream with its own", async () => {
    const responses = await Promise.all(
      Array.from({ length: 50 }, (_, i) => post("/v1/chat/completions", chat(`message ${i}`, { stream: i % 2 === 0 }))),
    );
    const ids = await Promise.all(
      responses.map(async (res, i) => {
        const text = await res.text();
        expect(res.status).toBe(200);
        expect(text).toContain(` ${i}`);
        return res.headers.get("x-kong-request-id")!;
      }),
    );
    expect(new Set(ids).size).toBe(50);
    expect(ids.every((id) => HEX32.test(id))).toBe(true);
    expect(new Set(kong.upstreamRequests.map((r) => r.headers["x-kong-request-id"]))).toEqual(new Set(ids));
  });
});
