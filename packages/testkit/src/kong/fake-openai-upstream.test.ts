import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embeddings";
import { startFakeOpenAIUpstream, type FakeOpenAIUpstream } from "./fake-openai-upstream";
import { sseDataPayloads, sseJsonPayloads } from "./sse-data-payloads";

let upstream: FakeOpenAIUpstream;
beforeAll(async () => {
  upstream = await startFakeOpenAIUpstream();
});
afterAll(() => upstream.close());
beforeEach(() => upstream.reset());

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(upstream.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

const user = (content: string) => ({ model: "gpt-4o", messages: [{ role: "user", content }] });
const weatherTool = {
  type: "function",
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};
const timeTool = { type: "function", function: { name: "get_time", parameters: { type: "object", properties: {} } } };

describe("fake upstream: chat completions", () => {
  it("echoes the last user message with the dated model and word-count usage", async () => {
    const res = await post("/v1/chat/completions", {
      model: "gpt-4o",
      messages: [
        { role: "system", content: "be brief" },
        { role: "user", content: [{ type: "text", text: "hello big world" }] },
      ],
    });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/json");
    const body = await res.json();
    expect(body).toMatchObject({
      object: "chat.completion",
      model: "gpt-4o-2024-08-06",
      choices: [{ index: 0, message: { role: "assistant", content: "Echo: hello big world" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 5, completion_tokens: 4, total_tokens: 9 },
    });
    expect(body.id).toMatch(/^chatcmpl-[A-Za-z0-9]{29}$/);
  });

  it("sends OpenAI-like headers and no Server header by default", async () => {
    const res = await post("/v1/chat/completions", user("hi"));
    expect(res.headers.get("x-request-id")).toMatch(/^req_[0-9a-f]{32}$/);
    expect(res.headers.get("openai-processing-ms")).toMatch(/^\d+$/);
    expect(res.headers.get("x-ratelimit-remaining-requests")).toBe("9999");
    expect(res.headers.get("set-cookie")).toMatch(/^__cf_bm=/);
    expect(res.headers.get("server")).toBeNull();
    upstream.configure({ responseHeaders: { Server: "cloudflare" } });
    expect((await post("/v1/chat/completions", user("hi"))).headers.get("server")).toBe("cloudflare");
  });

  it("cuts the reply at max_tokens with finish_reason length", async () => {
    const body = await (await post("/v1/chat/completions", { ...user("one two three four"), max_tokens: 2 })).json();
    expect(body.choices[0]).toMatchObject({ message: { content: "Echo: one" }, finish_reason: "length" });
    expect(body.usage.completion_tokens).toBe(2);
  });

  it("answers a tool result with its content", async () => {
    const body = await (
      await post("/v1/chat/completions", {
        model: "gpt-4o",
        tools: [weatherTool],
        messages: [
          { role: "user", content: "use tool" },
          { role: "assistant", content: null, tool_calls: [{ id: "c", type: "function", function: { name: "get_weather", arguments: "{}" } }] },
          { role: "tool", tool_call_id: "c", content: "sunny" },
        ],
      })
    ).json();
    expect(body.choices[0]).toMatchObject({ message: { content: "Tool result: sunny" }, finish_reason: "stop" });
  });

  it("returns tool calls when asked to use a tool", async () => {
    const body = await (await post("/v1/chat/completions", { ...user("please use tool get_weather"), tools: [weatherTool, timeTool] })).json();
    expect(body.choices[0].finish_reason).toBe("tool_calls");
    expect(body.choices[0].message.content).toBeNull();
    expect(body.choices[0].message.tool_calls).toEqual([
      {
        id: expect.stringMatching(/^call_[0-9a-f]{24}$/),
        type: "function",
        function: { name: "get_weather", arguments: '{"city":"city-value"}' },
      },
    ]);
    const forced = await (
      await post("/v1/chat/completions", {
        ...user("hi"),
        tools: [weatherTool, timeTool],
        tool_choice: { type: "function", function: { name: "get_time" } },
      })
    ).json();
    expect(forced.choices[0].message.tool_calls[0].function).toEqual({ name: "get_time", arguments: "{}" });
  });

  it("streams chunks exactly as OpenAI: role first, content pieces, finish_reason, [DONE]", async () => {
    const res = await post("/v1/chat/completions", { ...user("hello world"), stream: true });
    expect(res.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
    const text = await res.text();
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
    const chunks = sseJsonPayloads(text);
    expect(chunks.map((c) => (c.choices as Array<{ delta: unknown; finish_reason: unknown }>)[0])).toEqual([
      { index: 0, delta: { role: "assistant", content: "", refusal: null }, logprobs: null, finish_reason: null },
      { index: 0, delta: { content: "Echo:" }, logprobs: null, finish_reason: null },
      { index: 0, delta: { content: " hello" }, logprobs: null, finish_reason: null },
      { index: 0, delta: { content: " world" }, logprobs: null, finish_reason: null },
      { index: 0, delta: {}, logprobs: null, finish_reason: "stop" },
    ]);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
    expect(chunks.every((c) => c.object === "chat.completion.chunk" && c.model === "gpt-4o-2024-08-06")).toBe(true);
    expect(chunks.some((c) => "usage" in c)).toBe(false);
  });

  it("adds a usage chunk with choices [] when include_usage is set", async () => {
    const text = await (
      await post("/v1/chat/completions", { ...user("hello world"), stream: true, stream_options: { include_usage: true } })
    ).text();
    const chunks = sseJsonPayloads(text);
    expect(chunks).toHaveLength(6);
    expect(chunks.slice(0, 5).every((c) => c.usage === null)).toBe(true);
    expect(chunks[5]).toMatchObject({ choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } });
  });

  it("streams tool calls with id and name first and arguments in pieces", async () => {
    const text = await (
      await post("/v1/chat/completions", { ...user("use all tools"), tools: [weatherTool, timeTool], stream: true })
    ).text();
    const deltas = sseJsonPayloads(text).map(
      (c) => (c.choices as Array<{ delta: { tool_calls?: Array<Record<string, any>> }; finish_reason: unknown }>)[0]!,
    );
    const calls = deltas.flatMap((d) => d.delta.tool_calls ?? []);
    expect(calls[0]).toMatchObject({ index: 0, type: "function", function: { name: "get_weather", arguments: "" } });
    expect(calls[0]!.id).toMatch(/^call_/);
    const argsOf = (index: number) =>
      calls.filter((c) => c.index === index).map((c) => c.function?.arguments ?? "").join("");
    expect(argsOf(0)).toBe('{"city":"city-value"}');
    expect(argsOf(1)).toBe("{}");
    expect(calls.filter((c) => c.index === 0 && !c.id).length).toBe(3);
    expect(deltas.at(-1)!.finish_reason).toBe("tool_calls");
  });
});

describe("fake upstream: completions, embeddings, responses", () => {
  it("answers legacy completions, streamed or not", async () => {
    const body = await (await post("/v1/completions", { model: "gpt-3.5-turbo-instruct", prompt: "say hi" })).json();
    expect(body).toMatchObject({
      object: "text_completion",
      model: "gpt-3.5-turbo-instruct:20230824-v2",
      choices: [{ text: "Echo: say hi", index: 0, finish_reason: "stop" }],
      usage: { prompt_tokens: 2, completion_tokens: 3 },
    });
    const chunks = sseJsonPayloads(
      await (await post("/v1/completions", { model: "m", prompt: "x", stream: true, stream_options: { include_usage: true } })).text(),
    );
    expect(chunks.map((c) => c.object)).toEqual(["text_completion", "text_completion", "text_completion", "text_completion"]);
    expect(chunks.map((c) => (c.choices as Array<{ text: string }>)[0]?.text)).toEqual(["Echo:", " x", "", undefined]);
    expect(chunks[3]).toMatchObject({ choices: [], usage: { total_tokens: 3 } });
  });

  it("returns deterministic unit embeddings, as floats or base64", async () => {
    const body = await (await post("/v1/embeddings", { model: "text-embedding-3-small", input: ["a", "b", "a"], dimensions: 8 })).json();
    expect(body).toMatchObject({ object: "list", model: "text-embedding-3-small", usage: { prompt_tokens: 3, total_tokens: 3 } });
    const [a, b, a2] = body.data.map((d: { embedding: number[] }) => d.embedding);
    expect(a).toHaveLength(8);
    expect(a).toEqual(a2);
    expect(a).not.toEqual(b);
    expect(a).toEqual(fakeEmbedding("text-embedding-3-small", "a", 8));
    expect(Math.hypot(...a)).toBeCloseTo(1, 5);
    const b64 = await (await post("/v1/embeddings", { model: "text-embedding-3-small", input: "a", encoding_format: "base64" })).json();
    const buf = Buffer.from(b64.data[0].embedding, "base64");
    expect(buf.length).toBe(1536 * 4);
    expect(buf.readFloatLE(0)).toBe(fakeEmbedding("text-embedding-3-small", "a", 1536)[0]);
  });

  it("answers the Responses API", async () => {
    const body = await (await post("/v1/responses", { model: "gpt-4o", input: "hi there", instructions: "be nice" })).json();
    expect(body).toMatchObject({
      object: "response",
      status: "completed",
      model: "gpt-4o-2024-08-06",
      output: [{ type: "message", role: "assistant", content: [{ type: "output_text", text: "Echo: hi there" }] }],
      usage: { input_tokens: 4, output_tokens: 3, total_tokens: 7 },
    });
    expect(body.id).toMatch(/^resp_/);
  });

  it("streams Responses API typed events with event: lines and usage at the end", async () => {
    const res = await post("/v1/responses", { model: "gpt-4o", input: "hi", stream: true });
    const text = await res.text();
    expect(text.startsWith("event: response.created\ndata: {")).toBe(true);
    const events = sseJsonPayloads(text);
    expect(events.map((e) => e.type)).toEqual([
      "response.created",
      "response.in_progress",
      "response.output_item.added",
      "response.content_part.added",
      "response.output_text.delta",
      "response.output_text.delta",
      "response.output_text.done",
      "response.content_part.done",
      "response.output_item.done",
      "response.completed",
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect(events[6]).toMatchObject({ text: "Echo: hi" });
    expect(events[9]).toMatchObject({ response: { status: "completed", usage: { input_tokens: 1, output_tokens: 2 } } });
  });

  it("streams Responses API function calls", async () => {
    const tools = [{ type: "function", name: "get_weather", parameters: weatherTool.function.parameters }];
    const events = sseJsonPayloads(
      await (await post("/v1/responses", { model: "gpt-4o", input: "use tool", tools, stream: true })).text(),
    );
    const done = events.find((e) => e.type === "response.function_call_arguments.done");
    expect(done).toMatchObject({ arguments: '{"city":"city-value"}' });
    const deltas = events.filter((e) => e.type === "response.function_call_arguments.delta").map((e) => e.delta);
    expect(deltas.join("")).toBe('{"city":"city-value"}');
    expect(events.at(-1)).toMatchObject({
      type: "response.completed",
      response: { output: [{ type: "function_call", name: "get_weather", call_id: expect.stringMatching(/^call_/) }] },
    });
  });
});

describe("fake upstream: errors, scenarios and recording", () => {
  it("rejects unknown paths, bad JSON, missing model and missing fields like OpenAI", async () => {
    const notFound = await post("/v1/nope", {});
    expect(notFound.status).toBe(404);
    expect((await notFound.json()).error.message).toBe("Invalid URL (POST /v1/nope)");
    const bad = await post("/v1/chat/completions", "{");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/^We could not parse the JSON body/);
    expect((await (await post("/v1/chat/completions", { messages: [] })).json()).error.message).toBe(
      "you must provide a model parameter",
    );
    expect((await (await post("/v1/embeddings", { model: "m" })).json()).error).toEqual({
      message: "Missing required parameter: 'input'.",
      type: "invalid_request_error",
      param: "input",
      code: "missing_required_parameter",
    });
  });

  it("applies scenarios from the header or the config, and rejects unknown ones", async () => {
    const r401 = await post("/v1/chat/completions", user("x"), { "x-standin-scenario": "upstream-error-401", authorization: "Bearer wrong-key" });
    expect(r401.status).toBe(401);
    expect(await r401.json()).toEqual({
      error: {
        message: "Incorrect API key provided: wro****ey. You can find your API key at https://platform.openai.com/account/api-keys.",
        type: "invalid_request_error",
        param: null,
        code: "invalid_api_key",
      },
    });
    upstream.configure({ scenario: "upstream-429" });
    const r429 = await post("/v1/chat/completions", user("x"));
    expect(r429.status).toBe(429);
    expect((await r429.json()).error.code).toBe("rate_limit_exceeded");
    const unknown = await post("/v1/chat/completions", user("x"), { "x-standin-scenario": "nope" });
    expect(unknown.status).toBe(400);
    expect((await unknown.json()).error.message).toMatch(/^Unknown x-standin-scenario "nope"/);
    expect(() => upstream.configure({ scenario: "nope" as never })).toThrow(TypeError);
  });

  it("cuts streams, injects garbage and drops connections on request", async () => {
    const cut = await post("/v1/chat/completions", { ...user("a b c d"), stream: true }, { "x-standin-scenario": "stream-cut" });
    let received = "";
    const reader = cut.body!.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received += Buffer.from(value).toString();
        }
      })(),
    ).rejects.toThrow();
    expect(sseDataPayloads(received)).toHaveLength(2);

    const garbage = await (
      await post("/v1/chat/completions", { ...user("a b"), stream: true }, { "x-standin-scenario": "stream-garbage", "x-standin-fault-after-chunks": "1" })
    ).text();
    expect(sseDataPayloads(garbage)[1]).toBe('{"choices":[{"delta":{"content":"trunc');
    expect(garbage.endsWith("data: [DONE]\n\n")).toBe(true);

    await expect(post("/v1/chat/completions", user("x"), { "x-standin-scenario": "kong-502" })).rejects.toThrow();
  });

  it("records requests and forgets them on reset", async () => {
    await post("/v1/chat/completions?x=1", user("recorded"), { "x-custom": "yes" });
    expect(upstream.requests).toHaveLength(1);
    expect(upstream.requests[0]).toMatchObject({
      method: "POST",
      path: "/v1/chat/completions?x=1",
      headers: { "x-custom": "yes", authorization: "Bearer sk-test" },
      json: user("recorded"),
    });
    upstream.reset();
    expect(upstream.requests).toHaveLength(0);
  });
});
