import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { fakeEmbedding } from "./fake-embeddings";
import { startKongStandin, type KongStandin } from "./start-kong-standin";

let kong: KongStandin;
beforeAll(async () => {
  kong = await startKongStandin();
});
afterAll(() => kong.close());
beforeEach(() => kong.reset());

/** An SDK client pointed at the stand-in, retries off so error tests see the first answer. */
function client(options: ConstructorParameters<typeof OpenAI>[0] = {}): OpenAI {
  return new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-test", maxRetries: 0, ...options });
}
const scenario = (name: string) => ({ headers: { "x-standin-scenario": name } });
const weatherTool = {
  type: "function" as const,
  function: {
    name: "get_weather",
    parameters: { type: "object", properties: { city: { type: "string" } }, required: ["city"] },
  },
};

describe("openai SDK through the stand-in: success", () => {
  it("creates a chat completion and sees Kong's headers", async () => {
    const { data, response } = await client()
      .chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "hi sdk" }] })
      .withResponse();
    expect(data.choices[0]?.message.content).toBe("Echo: hi sdk");
    expect(data.model).toBe("gpt-4o-2024-08-06");
    expect(data.usage).toMatchObject({ prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 });
    expect(response.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");
    expect(response.headers.get("x-kong-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(kong.upstreamRequests[0]!.headers.authorization).toBe("Bearer sk-test");
  });

  it("streams with include_usage; the unterminated data: [DONE] ends the stream cleanly", async () => {
    expect(kong.config.sseDoneWithoutTrailingNewline).toBe(true);
    const stream = await client().chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "stream this please" }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(7);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? "").join("")).toBe("Echo: stream this please");
    expect(chunks[0]?.choices[0]?.delta.role).toBe("assistant");
    expect(chunks[5]?.choices[0]?.finish_reason).toBe("stop");
    expect(chunks[6]?.choices).toEqual([]);
    expect(chunks[6]?.usage).toMatchObject({ prompt_tokens: 3, completion_tokens: 4, total_tokens: 7 });
  });

  it("streams without include_usage (no usage chunk) and with the [DONE] newline", async () => {
    kong.configure({ sseDoneWithoutTrailingNewline: false });
    const stream = await client().chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "x" }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toHaveLength(4);
    expect(chunks.every((c) => c.usage === undefined)).toBe(true);
  });

  it("assembles streamed tool calls with the SDK's stream helper", async () => {
    const runner = client().chat.completions.stream({
      model: "gpt-4o",
      messages: [{ role: "user", content: "please use tool get_weather" }],
      tools: [weatherTool],
    });
    let argumentDeltas = 0;
    runner.on("tool_calls.function.arguments.delta", () => argumentDeltas++);
    const final = await runner.finalChatCompletion();
    const choice = final.choices[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.tool_calls).toHaveLength(1);
    const call = choice.message.tool_calls![0]!;
    expect(call.type).toBe("function");
    if (call.type !== "function") throw new Error("expected a function call");
    expect(call.function).toMatchObject({ name: "get_weather", arguments: '{"city":"city-value"}' });
    expect(call.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(argumentDeltas).toBeGreaterThan(1);
  });

  it("creates embeddings (SDK base64 default) matching the deterministic vectors", async () => {
    const res = await client().embeddings.create({ model: "text-embedding-3-small", input: ["alpha", "beta"] });
    expect(res.data).toHaveLength(2);
    expect(res.data[0]?.embedding).toHaveLength(1536);
    expect(res.data[0]?.embedding).toEqual(fakeEmbedding("text-embedding-3-small", "alpha", 1536));
    expect(res.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it("uses the Responses API, plain and streamed", async () => {
    const res = await client().responses.create({ model: "gpt-4o", input: "hello responses" });
    expect(res.output_text).toBe("Echo: hello responses");
    const stream = client().responses.stream({ model: "gpt-4o", input: "stream responses" });
    const types: string[] = [];
    stream.on("event", (e) => types.push(e.type));
    const final = await stream.finalResponse();
    expect(final.output_text).toBe("Echo: stream responses");
    expect(final.usage).toMatchObject({ input_tokens: 2, output_tokens: 3 });
    expect(types[0]).toBe("response.created");
    expect(types.at(-1)).toBe("response.completed");
    expect(types.filter((t) => t === "response.output_text.delta")).toHaveLength(3);
  });

  it("uses legacy completions", async () => {
    const res = await client().completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "legacy" });
    expect(res.choices[0]?.text).toBe("Echo: legacy");
  });

  it("sends apikey as a default header for key-auth", async () => {
    kong.configure({ keyAuth: { keys: ["kong-key"] } });
    const ok = await client({ defaultHeaders: { apikey: "kong-key" } }).chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: "x" }],
    });
    expect(ok.choices[0]?.message.content).toBe("Echo: x");
    const err = await client()
      .chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] })
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((err as InstanceType<typeof OpenAI.AuthenticationError>).headers?.get("www-authenticate")).toBe("Key");
  });

  it("gives 50 parallel SDK calls distinct request ids", async () => {
    const sdk = client();
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        sdk.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `n${i}` }] }).withResponse(),
      ),
    );
    results.forEach(({ data }, i) => expect(data.choices[0]?.message.content).toBe(`Echo: n${i}`));
    expect(new Set(results.map(({ response }) => response.headers.get("x-kong-request-id"))).size).toBe(50);
  });
});

describe("openai SDK through the stand-in: failures", () => {
  const messages = [{ role: "user" as const, content: "one two three" }];

  it("stream-cut makes the SDK stream throw", async () => {
    const stream = await client().chat.completions.create({ model: "gpt-4o", messages, stream: true }, scenario("stream-cut"));
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
      })(),
    ).rejects.toThrow();
    expect(seen).toEqual(["", "Echo:"]);
  });

  it("stream-garbage makes the SDK fail to parse the frame", async () => {
    const quiet = client({ logLevel: "off" });
    const stream = await quiet.chat.completions.create({ model: "gpt-4o", messages, stream: true }, scenario("stream-garbage"));
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow(SyntaxError);
  });

  it("non-json-200 on a stream: Kong's unterminated error frame yields no chunks", async () => {
    const stream = await client().chat.completions.create({ model: "gpt-4o", messages, stream: true }, scenario("non-json-200"));
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });

  it("maps pass-through and Kong errors to the SDK's error classes", async () => {
    const call = (name: string, stream = false) =>
      client()
        .chat.completions.create({ model: "gpt-4o", messages, stream }, scenario(name))
        .catch((e: unknown) => e);

    const auth = await call("upstream-error-401");
    expect(auth).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((auth as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");
    const authStream = await call("upstream-error-401", true);
    expect(authStream).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((authStream as InstanceType<typeof OpenAI.APIError>).code).toBe("invalid_api_key");

    const limited = await call("upstream-429");
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.APIError>).code).toBe("rate_limit_exceeded");

    for (const [name, status] of [
      ["kong-502", 502],
      ["kong-503", 503],
      ["kong-504", 504],
      ["missing-choices", 500],
    ] as const) {
      const err = (await call(name)) as InstanceType<typeof OpenAI.APIError>;
      expect(err, name).toBeInstanceOf(OpenAI.InternalServerError);
      expect(err.status).toBe(status);
      expect(err.headers?.get("x-kong-request-id")).toMatch(/^[0-9a-f]{32}$/);
    }
  });

  it("surfaces ai-proxy 400s and rate limiting", async () => {
    kong.configure({ modelName: "gpt-4o", rateLimit: { limit: 1, windowSeconds: 86400 } });
    const mismatch = await client()
      .chat.completions.create({ model: "gpt-4o-mini", messages })
      .catch((e: unknown) => e);
    expect(mismatch).toBeInstanceOf(OpenAI.BadRequestError);
    expect((mismatch as Error).message).toContain("cannot use own model - must be: gpt-4o");
    const limited = await client()
      .chat.completions.create({ model: "gpt-4o", messages })
      .catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((limited as InstanceType<typeof OpenAI.APIError>).headers?.get("retry-after")).toMatch(/^\d+$/);
  });

  it("models.list() hits ai-proxy's bad-JSON 400 (GET without body)", async () => {
    const err = await client()
      .models.list()
      .catch((e: unknown) => e);
    expect(err).toBeInstanceOf(OpenAI.BadRequestError);
    expect((err as Error).message).toContain("content-type header does not match request body, or bad JSON formatting");
  });
});
