import { type KongStandin, startKongStandin } from "@kong-mlflow/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { SpanType, flushTraces, kongGateway, trace, tracedOpenAI, withSpan } from "./index";
import { initFreshExperiment, readTrace, traceIdOf } from "./testing/mlflow-readback";

const trackingUri = inject("mlflowTrackingUri");
let kong: KongStandin;
let client: OpenAI;

const lastRequest = () => kong.requests[kong.requests.length - 1]!;
const ask = (content: string) => [{ role: "user" as const, content }];

beforeAll(async () => {
  kong = await startKongStandin();
  initFreshExperiment(trackingUri, "traced-openai");
  client = tracedOpenAI(new OpenAI(kongGateway({ url: kong.url, routePath: "/v1", bearerKey: "sk-test-secret" }).clientOptions));
});
afterAll(async () => kong.close());
beforeEach(() => kong.reset());

describe("tracedOpenAI through the Kong stand-in, read back from MLflow", () => {
  it("traces a chat completion as a CHAT_MODEL span the chat view can render, with gateway signals", async () => {
    const res = await client.chat.completions.create({ model: "gpt-4o", messages: ask("hello kong") });
    expect(res.choices[0]!.message.content).toBe("Echo: hello kong");
    const req = lastRequest();
    expect(req.json).toEqual({ model: "gpt-4o", messages: ask("hello kong") }); // the body is what the user wrote
    const { info, spans } = await readTrace(trackingUri, traceIdOf(req.headers));
    expect(spans).toHaveLength(1);
    const [span] = spans;
    expect(span!.name).toBe("chat.completions.create");
    expect(span!.type).toBe("CHAT_MODEL");
    expect(span!.status).toBe("STATUS_CODE_OK");
    expect(span!.inputs).toEqual({ model: "gpt-4o", messages: ask("hello kong") });
    expect((span!.outputs as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe("Echo: hello kong");
    const a = span!.attrs;
    expect(a["mlflow.message.format"]).toBe("openai");
    expect(a["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: res.usage!.prompt_tokens, output_tokens: res.usage!.completion_tokens, total_tokens: res.usage!.total_tokens });
    expect(a["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(a["kong.llm_model"]).toBe("openai/gpt-4o");
    expect(a["gen_ai.provider.name"]).toBe("openai");
    expect(a["mlflow.llm.provider"]).toBe("openai");
    expect(a["gen_ai.request.model"]).toBe("gpt-4o");
    expect(a["gen_ai.response.model"]).toBe(res.model);
    expect(a["mlflow.llm.model"]).toBe(res.model);
    expect(a["kong.model_rerouted"]).toBe(false);
    expect(typeof a["kong.latency.upstream_ms"]).toBe("number");
    expect(typeof a["kong.latency.proxy_ms"]).toBe("number");
    expect(a["kong.version"]).toBe("3.10.0");
    expect(a["kong.proxied"]).toBe(true);
    expect(a["http.response.status_code"]).toBe(200);
    expect(a["kong.attempts"]).toBe(1);
    expect(info.state).toBe("OK");
    expect(info.request_preview).toBe("hello kong");
    expect(info.response_preview).toBe("Echo: hello kong");
    expect(JSON.parse(info.trace_metadata!["mlflow.trace.tokenUsage"]!).total_tokens).toBe(res.usage!.total_tokens);
    // the W3C traceparent names the LLM span, so Kong's own spans can join the trace
    const tp = (req.headers.traceparent as string).split("-");
    expect(tp[0]).toBe("00");
    expect(tp[3]).toBe("01");
    expect(Buffer.from(span!.raw.span_id, "base64").toString("hex")).toBe(tp[2]);
    // no call-correlation header reaches the network
    expect(Object.keys(req.headers).some((h) => h.startsWith("x-kong-mlflow"))).toBe(false);
    expect(JSON.stringify(spans, (_k, v) => (typeof v === "bigint" ? String(v) : v))).not.toContain("sk-test-secret");
  });

  it("nests calls under trace() and withSpan(), as the guide's askQuestion does", async () => {
    const askQuestion = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string) => {
      const first = await client.chat.completions.create({ model: "gpt-4o", messages: ask(question) });
      return withSpan(
        async () => {
          const second = await client.chat.completions.create({ model: "gpt-4o", messages: ask(`again: ${first.choices[0]!.message.content}`) });
          return second.choices[0]!.message.content;
        },
        { name: "followUp", spanType: SpanType.CHAIN },
      );
    });
    const answer = await askQuestion("what is kong?");
    expect(answer).toBe("Echo: again: Echo: what is kong?");
    const traceId = traceIdOf(kong.requests[0]!.headers);
    expect(traceIdOf(kong.requests[1]!.headers)).toBe(traceId);
    const { info, spans } = await readTrace(trackingUri, traceId);
    const byName = (n: string) => spans.filter((s) => s.name === n);
    const root = byName("askQuestion")[0]!;
    const follow = byName("followUp")[0]!;
    const llms = byName("chat.completions.create");
    expect(llms).toHaveLength(2);
    expect(root.raw.parent_span_id ?? null).toBeNull();
    expect(follow.raw.parent_span_id).toBe(root.raw.span_id);
    expect(llms.map((l) => l.raw.parent_span_id).sort()).toEqual([root.raw.span_id, follow.raw.span_id].sort());
    expect(info.tags!["mlflow.traceName"]).toBe("askQuestion");
    const usage = JSON.parse(info.trace_metadata!["mlflow.trace.tokenUsage"]!);
    const sum = llms.reduce((n, l) => n + (l.attrs["mlflow.chat.tokenUsage"] as { total_tokens: number }).total_tokens, 0);
    expect(usage.total_tokens).toBe(sum);
  });

  it("captures a stream fully, keeps it the SDK's Stream, and ends the span once at the end", async () => {
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages: ask("stream this please"), stream: true });
    expect(stream.constructor.name).toBe("Stream");
    expect(stream.controller).toBeInstanceOf(AbortController);
    let text = "";
    for await (const chunk of stream) {
      if (chunk.choices[0]!.delta.content) text += chunk.choices[0]!.delta.content;
    }
    expect(text).toBe("Echo: stream this please");
    const req = lastRequest();
    expect((req.json as Record<string, unknown>).stream_options).toBeUndefined(); // not added without the opt-in
    const { spans } = await readTrace(trackingUri, traceIdOf(req.headers));
    const span = spans[0]!;
    expect(span.status).toBe("STATUS_CODE_OK");
    const out = span.outputs as { object: string; choices: Array<{ message: { content: string }; finish_reason: string }> };
    expect(out.object).toBe("chat.completion");
    expect(out.choices[0]!.message.content).toBe("Echo: stream this please");
    expect(out.choices[0]!.finish_reason).toBe("stop");
    expect(span.attrs["kong.stream.outcome"]).toBe("completed");
    expect(span.attrs["gen_ai.response.time_to_first_chunk"]).toBeGreaterThan(0);
    expect(span.attrs["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(span.attrs["kong.llm_model"]).toBe("openai/gpt-4o");
    expect(span.attrs["mlflow.chat.tokenUsage"]).toBeUndefined(); // the stream carried none
  });

  it("records stream usage whenever the stream carries it, and adds include_usage only when opted in", async () => {
    const optedIn = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-x" }), { includeStreamUsage: true });
    const stream = await optedIn.chat.completions.create({ model: "gpt-4o", messages: ask("count my tokens"), stream: true });
    const chunks = [];
    for await (const c of stream) chunks.push(c);
    const usageChunk = chunks.find((c) => c.usage);
    expect(usageChunk?.choices).toEqual([]);
    expect((lastRequest().json as { stream_options: unknown }).stream_options).toEqual({ include_usage: true });
    const { spans } = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(spans[0]!.attrs["mlflow.chat.tokenUsage"]).toEqual({
      input_tokens: usageChunk!.usage!.prompt_tokens,
      output_tokens: usageChunk!.usage!.completion_tokens,
      total_tokens: usageChunk!.usage!.total_tokens,
    });
    // the user's own include_usage works without the opt-in too
    const own = await client.chat.completions.create({ model: "gpt-4o", messages: ask("mine"), stream: true, stream_options: { include_usage: true } });
    for await (const _ of own);
    const again = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect((again.spans[0]!.attrs["mlflow.chat.tokenUsage"] as { total_tokens: number }).total_tokens).toBeGreaterThan(0);
  });

  it("assembles streamed tool calls and records the tools for the chat view", async () => {
    const tools = [
      { type: "function" as const, function: { name: "get_weather", description: "Weather", parameters: { type: "object", properties: { city: { type: "string" } } } } },
    ];
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages: ask("use tool get_weather for Paris"), tools, stream: true });
    for await (const _ of stream);
    const { spans } = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    const span = spans[0]!;
    expect(span.attrs["mlflow.chat.tools"]).toEqual(tools);
    const out = span.outputs as { choices: Array<{ message: { tool_calls: Array<{ id: string; function: { name: string; arguments: string } }> }; finish_reason: string }> };
    expect(out.choices[0]!.finish_reason).toBe("tool_calls");
    const call = out.choices[0]!.message.tool_calls[0]!;
    expect(call.function.name).toBe("get_weather");
    expect(call.id).toMatch(/^call_/);
    expect(() => JSON.parse(call.function.arguments)).not.toThrow();

    const plain = await client.chat.completions.create({ model: "gpt-4o", messages: ask("use tool get_weather for Rome"), tools });
    const read = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect((read.spans[0]!.outputs as typeof plain).choices[0]!.message.tool_calls).toEqual(plain.choices[0]!.message.tool_calls);
  });

  it("ends a stream's span on an early break and on abort, keeping the partial output", async () => {
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages: ask("one two three four five six"), stream: true });
    let seen = 0;
    for await (const _ of stream) {
      if (++seen === 2) break;
    }
    const broken = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(broken.spans[0]!.attrs["kong.stream.outcome"]).toBe("cancelled");
    expect(broken.spans[0]!.attrs["kong.stream.chunks"]).toBe(2);
    expect(broken.spans[0]!.status).toBe("STATUS_CODE_OK");

    const slow = await client.chat.completions.create(
      { model: "gpt-4o", messages: ask("abort me after the first words"), stream: true },
      { headers: { "x-standin-scenario": "slow-stream", "x-standin-chunk-delay-ms": "30" } },
    );
    let got = 0;
    for await (const _ of slow) {
      if (++got === 2) slow.controller.abort();
    }
    const aborted = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(aborted.spans[0]!.attrs["kong.stream.outcome"]).toBe("aborted");
    expect(aborted.spans).toHaveLength(1);
  });

  it("keeps tee(), toReadableStream(), withResponse() and asResponse() working", async () => {
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages: ask("tee me"), stream: true });
    const [left, right] = stream.tee();
    let l = "";
    let r = "";
    for await (const c of left) l += c.choices[0]?.delta.content ?? "";
    for await (const c of right) r += c.choices[0]?.delta.content ?? "";
    expect(l).toBe("Echo: tee me");
    expect(r).toBe(l);
    const teed = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect((teed.spans[0]!.outputs as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe("Echo: tee me");

    const readable = (await client.chat.completions.create({ model: "gpt-4o", messages: ask("readable"), stream: true })).toReadableStream();
    const reader = readable.getReader();
    let frames = 0;
    for (;;) {
      const { done } = await reader.read();
      if (done) break;
      frames++;
    }
    expect(frames).toBeGreaterThan(1);

    const { data, response, request_id } = await client.chat.completions.create({ model: "gpt-4o", messages: ask("with response") }).withResponse();
    expect(data.choices[0]!.message.content).toBe("Echo: with response");
    expect(response.headers.get("x-kong-request-id")).toMatch(/^[0-9a-f]{32}$/);
    expect(request_id).toBe(response.headers.get("x-request-id"));

    const raw = await client.chat.completions.create({ model: "gpt-4o", messages: ask("as response") }).asResponse();
    const body = (await raw.json()) as { choices: Array<{ message: { content: string } }> };
    expect(body.choices[0]!.message.content).toBe("Echo: as response"); // the body was left for the caller
    const unread = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(unread.spans[0]!.attrs["kong.outputs_unread"]).toBe(true);
    expect(unread.spans[0]!.attrs["kong.request_id"]).toBe(raw.headers.get("x-kong-request-id"));
  });

  it("traces legacy completions (LLM), embeddings (EMBEDDING) and the Responses API, plain and streamed", async () => {
    const completion = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "say hi" });
    let span = (await readTrace(trackingUri, traceIdOf(lastRequest().headers))).spans[0]!;
    expect([span.name, span.type]).toEqual(["completions.create", "LLM"]);
    expect((span.outputs as typeof completion).choices[0]!.text).toBe(completion.choices[0]!.text);

    const cstream = await client.completions.create({ model: "gpt-3.5-turbo-instruct", prompt: "stream hi", stream: true });
    let ctext = "";
    for await (const c of cstream) ctext += c.choices[0]?.text ?? "";
    span = (await readTrace(trackingUri, traceIdOf(lastRequest().headers))).spans[0]!;
    expect((span.outputs as { choices: Array<{ text: string }> }).choices[0]!.text).toBe(ctext);

    const emb = await client.embeddings.create({ model: "text-embedding-3-small", input: ["a", "b"] });
    span = (await readTrace(trackingUri, traceIdOf(lastRequest().headers))).spans[0]!;
    expect([span.name, span.type]).toEqual(["embeddings.create", "EMBEDDING"]);
    expect((span.outputs as { data: Array<{ dimensions: number }> }).data.map((d) => d.dimensions)).toEqual(emb.data.map((d) => d.embedding.length));
    expect((span.attrs["mlflow.chat.tokenUsage"] as { input_tokens: number }).input_tokens).toBe(emb.usage.prompt_tokens);

    const resp = await client.responses.create({ model: "gpt-4o", input: "responses api" });
    span = (await readTrace(trackingUri, traceIdOf(lastRequest().headers))).spans[0]!;
    expect([span.name, span.type]).toEqual(["responses.create", "CHAT_MODEL"]);
    expect((span.outputs as { output_text?: string; id: string }).id).toBe(resp.id);
    expect(span.attrs["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: resp.usage!.input_tokens, output_tokens: resp.usage!.output_tokens, total_tokens: resp.usage!.total_tokens });

    const rstream = await client.responses.create({ model: "gpt-4o", input: "responses stream", stream: true });
    let rtext = "";
    for await (const e of rstream) if (e.type === "response.output_text.delta") rtext += e.delta;
    const read = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    span = read.spans[0]!;
    expect((span.outputs as { status: string }).status).toBe("completed");
    expect(rtext).toBe("Echo: responses stream");
    expect(read.info.response_preview).toContain("Echo: responses stream");
  });

  it("traces the SDK helpers that go through create(): stream() and parse()", async () => {
    const runner = client.chat.completions.stream({ model: "gpt-4o", messages: ask("helper stream") });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0]!.message.content).toBe("Echo: helper stream");
    const streamed = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(streamed.spans).toHaveLength(1);
    expect(streamed.spans[0]!.attrs["kong.stream.outcome"]).toBe("completed");

    const parsed = await client.chat.completions.parse({ model: "gpt-4o", messages: ask("helper parse") });
    expect(parsed.choices[0]!.message.content).toBe("Echo: helper parse");
    const read = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(read.spans.map((s) => s.name)).toEqual(["chat.completions.create"]);
  });

  it("gives 50 parallel calls 50 cleanly separated traces", async () => {
    const results = await Promise.all(
      Array.from({ length: 50 }, (_, i) => client.chat.completions.create({ model: "gpt-4o", messages: ask(`parallel ${i}`) })),
    );
    results.forEach((r, i) => expect(r.choices[0]!.message.content).toBe(`Echo: parallel ${i}`));
    await flushTraces();
    const byPrompt = new Map(kong.requests.map((r) => [(r.json as { messages: Array<{ content: string }> }).messages[0]!.content, traceIdOf(r.headers)]));
    expect(new Set(byPrompt.values()).size).toBe(50);
    for (let i = 0; i < 50; i += 7) {
      const { spans } = await readTrace(trackingUri, byPrompt.get(`parallel ${i}`)!);
      expect(spans).toHaveLength(1);
      expect((spans[0]!.inputs as { messages: Array<{ content: string }> }).messages[0]!.content).toBe(`parallel ${i}`);
      expect((spans[0]!.outputs as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(`Echo: parallel ${i}`);
    }
  });

  it("wraps once: a second tracedOpenAI() adds no spans, and non-clients get a clear error", async () => {
    expect(tracedOpenAI(client)).toBe(client);
    await client.chat.completions.create({ model: "gpt-4o", messages: ask("only once") });
    const { spans } = await readTrace(trackingUri, traceIdOf(lastRequest().headers));
    expect(spans).toHaveLength(1);
    expect(() => tracedOpenAI({} as object)).toThrow(/tracedOpenAI expects an OpenAI client/);
    expect(() => tracedOpenAI(null as unknown as object)).toThrow(/got null/);
    expect(() => tracedOpenAI(new Map())).toThrow(/got a Map/);
  });

  it("can switch traceparent off", async () => {
    const quiet = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-x" }), { traceparent: false });
    await quiet.chat.completions.create({ model: "gpt-4o", messages: ask("no traceparent") });
    expect(lastRequest().headers.traceparent).toBeUndefined();
  });
});
