import { type FaultScenario, type KongStandin, startKongStandin } from "@kong-mlflow/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, beforeEach, describe, expect, inject, it } from "vitest";
import { tracedOpenAI } from "./index";
import { initFreshExperiment, readTrace, traceIdOf } from "./testing/mlflow-readback";

const trackingUri = inject("mlflowTrackingUri");
let kong: KongStandin;
let traced: OpenAI;
let raw: OpenAI;

const body = (content: string, stream = false) => ({ model: "gpt-4o", messages: [{ role: "user" as const, content }], ...(stream ? { stream: true as const } : {}) });
const scenario = (name: FaultScenario) => ({ headers: { "x-standin-scenario": name } });

beforeAll(async () => {
  kong = await startKongStandin();
  initFreshExperiment(trackingUri, "traced-openai-faults");
  // maxRetries 0 keeps the fault tests fast; retries are covered below
  traced = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-fault", maxRetries: 0 }));
  raw = new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-fault", maxRetries: 0 });
});
afterAll(async () => kong.close());
beforeEach(() => kong.reset());

/** Runs a call, returning what it threw (or undefined). */
async function thrown(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (error) {
    return error;
  }
}

function sameError(a: unknown, b: unknown): void {
  expect(a).toBeDefined();
  expect((a as object).constructor).toBe((b as object).constructor);
  expect((a as Error).message).toBe((b as Error).message);
  expect((a as { status?: number }).status).toBe((b as { status?: number }).status);
}

/** The one span of the trace of the last traced request: exactly one, ended, ERROR, with an exception event. */
async function errorSpan() {
  const tracedRequest = kong.requests.find((r) => typeof r.headers.traceparent === "string" && r === kong.requests.filter((q) => q.headers.traceparent).at(-1))!;
  const { info, spans } = await readTrace(trackingUri, traceIdOf(tracedRequest.headers));
  expect(spans).toHaveLength(1);
  const span = spans[0]!;
  expect(span.status).toBe("STATUS_CODE_ERROR");
  expect(span.events.filter((e) => e.name === "exception")).toHaveLength(1);
  expect(span.raw.end_time_unix_nano >= span.raw.start_time_unix_nano).toBe(true);
  expect(info.state).toBe("ERROR");
  return span;
}

describe("every gateway fault gives one ended ERROR span with the gateway signals, and the caller the untraced error", () => {
  it.each([
    ["upstream-error-401", 401, "upstream"],
    ["upstream-error-500-html", 500, "upstream"],
    ["upstream-429", 429, "upstream"],
    ["kong-502", 502, "kong"],
    ["kong-503", 503, "kong"],
    ["kong-504", 504, "kong"],
    ["missing-choices", 500, "ai-proxy"],
    ["non-json-200", 500, "ai-proxy"],
  ] as const)("%s", async (fault, status, source) => {
    const untraced = await thrown(() => raw.chat.completions.create(body("fault"), scenario(fault)));
    const got = await thrown(() => traced.chat.completions.create(body("fault"), scenario(fault)));
    sameError(got, untraced);
    const span = await errorSpan();
    expect(span.attrs["http.response.status_code"]).toBe(status);
    expect(span.attrs["kong.error.source"]).toBe(source);
    expect(span.attrs["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(span.attrs["kong.version"]).toBe("3.10.0");
    if (source !== "ai-proxy") expect(span.attrs["kong.llm_model"]).toBeUndefined(); // only on upstream 200s
    if (source === "kong") {
      expect(span.attrs["kong.error.request_id"]).toBe(span.attrs["kong.request_id"]);
      expect(span.attrs["kong.latency.response_ms"]).toEqual(expect.any(Number));
      expect(span.attrs["kong.proxied"]).toBe(false);
    } else if (source === "upstream") {
      expect(span.attrs["kong.proxied"]).toBe(true);
      expect(span.attrs["kong.latency.upstream_ms"]).toEqual(expect.any(Number));
    }
    expect(typeof span.attrs["kong.error.message"]).toBe("string");
  });

  it("key-auth 401s and rate-limit 429s carry Kong's message and the rate-limit state", async () => {
    kong.configure({ keyAuth: { keys: ["good-key"] } });
    const untraced = await thrown(() => raw.chat.completions.create(body("no key")));
    const got = await thrown(() => traced.chat.completions.create(body("no key")));
    sameError(got, untraced);
    let span = await errorSpan();
    expect(span.attrs["kong.error.source"]).toBe("kong");
    expect(span.attrs["kong.error.message"]).toBe("No API key found in request");
    expect(span.attrs["http.response.status_code"]).toBe(401);

    kong.configure({ keyAuth: undefined, rateLimit: { limit: 1, windowSeconds: 60 } });
    await traced.chat.completions.create(body("first is fine"));
    const limited = await thrown(() => traced.chat.completions.create(body("second is limited")));
    expect((limited as { status: number }).status).toBe(429);
    span = await errorSpan();
    expect(span.attrs["kong.error.message"]).toBe("API rate limit exceeded");
    expect(span.attrs["kong.ratelimit.remaining"]).toBe(0);
    expect(span.attrs["kong.ratelimit.limit"]).toBe(1);
    expect(span.attrs["kong.ratelimit.retry_after_s"]).toEqual(expect.any(Number));
    expect(span.attrs["kong.ratelimit.headers"]).toMatchObject({ "x-ratelimit-limit-minute": "1", "x-ratelimit-remaining-minute": "0" });
  });

  it("ai-proxy 400s are told apart from provider errors", async () => {
    kong.configure({ modelName: "gpt-4o-mini" });
    const untraced = await thrown(() => raw.chat.completions.create(body("wrong model")));
    const got = await thrown(() => traced.chat.completions.create(body("wrong model")));
    sameError(got, untraced);
    const span = await errorSpan();
    expect(span.attrs["kong.error.source"]).toBe("ai-proxy");
    expect(span.attrs["kong.error.message"]).toBe("cannot use own model - must be: gpt-4o-mini");
  });

  it.each([
    ["stream-cut", "the stream stops mid-way"],
    ["stream-garbage", "a frame is not JSON"],
  ] as const)("%s: %s → ERROR, partial output kept, the same error rethrown", async (fault) => {
    const consume = async (client: OpenAI) => {
      const seen: string[] = [];
      const error = await thrown(async () => {
        const stream = await client.chat.completions.create(body("a fairly long answer with many words", true), scenario(fault));
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? "");
      });
      return { seen, error };
    };
    const untraced = await consume(raw);
    const got = await consume(traced);
    expect(got.seen).toEqual(untraced.seen);
    expect((got.error as Error).constructor).toBe((untraced.error as Error).constructor);
    expect((got.error as Error).message).toBe((untraced.error as Error).message);
    const span = await errorSpan();
    expect(span.attrs["kong.stream.outcome"]).toBe("error");
    const out = span.outputs as { choices: Array<{ message: { content: string } }> };
    expect(out.choices[0]!.message.content).toBe(got.seen.join(""));
    expect(span.attrs["kong.llm_model"]).toBe("openai/gpt-4o"); // the 200 headers arrived before the fault
  });

  it("records the SDK's retries as attempts", async () => {
    const retrying = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-fault", maxRetries: 2 }));
    const got = await thrown(() => retrying.chat.completions.create(body("retry"), scenario("kong-503")));
    expect((got as { status: number }).status).toBe(503);
    const span = await errorSpan();
    expect(span.attrs["kong.attempts"]).toBe(3);
  }, 20_000);

  it("a connection error (nothing listening) is an ERROR span and the SDK's own error", async () => {
    const dead = new OpenAI({ baseURL: "http://127.0.0.1:9/v1", apiKey: "x", maxRetries: 0 });
    const deadTraced = tracedOpenAI(new OpenAI({ baseURL: "http://127.0.0.1:9/v1", apiKey: "x", maxRetries: 0 }));
    const untraced = await thrown(() => dead.chat.completions.create(body("nobody home")));
    const got = await thrown(() => deadTraced.chat.completions.create(body("nobody home")));
    sameError(got, untraced);
  });
});
