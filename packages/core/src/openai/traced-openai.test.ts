import OpenAI from "openai";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureTraces } from "../testing/capture-traces";
import { tracedOpenAI } from "./traced-openai";

const COMPLETION = {
  id: "chatcmpl-1",
  object: "chat.completion",
  created: 1,
  model: "gpt-4o-2024-08-06",
  choices: [{ index: 0, message: { role: "assistant", content: "hi" }, finish_reason: "stop" }],
  usage: { prompt_tokens: 3, completion_tokens: 1, total_tokens: 4 },
};
const KONG_HEADERS = { "content-type": "application/json", "x-kong-request-id": "abc", "x-kong-llm-model": "openai/gpt-4o", "x-kong-upstream-latency": "12", via: "1.1 kong/3.10.0" };

/** A client whose fetch answers in-process and records what it was given. */
function fakeClient(statuses: number[] = [200]) {
  const seen: Array<{ headers: Headers; init: RequestInit }> = [];
  const client = new OpenAI({
    apiKey: "sk-test",
    baseURL: "http://kong.invalid/v1",
    maxRetries: 2,
    fetch: (async (_input: unknown, init?: RequestInit) => {
      seen.push({ headers: new Headers(init?.headers), init: init! });
      const status = statuses[Math.min(seen.length - 1, statuses.length - 1)]!;
      const body = status === 200 ? COMPLETION : { error: { message: "try again", type: "server_error" } };
      return new Response(JSON.stringify(body), { status, headers: { ...KONG_HEADERS, "retry-after-ms": "1" } });
    }) as typeof fetch,
  });
  return { client, seen };
}

const ask = { model: "gpt-4o", messages: [{ role: "user" as const, content: "hi" }] };

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

describe("tracedOpenAI, in-process", () => {
  it("sends the request as written plus traceparent, and hands the call to its fetch hook without a header", async () => {
    const plain = fakeClient();
    const traced = fakeClient();
    tracedOpenAI(traced.client);
    await plain.client.chat.completions.create(ask, { fetchOptions: { cache: "no-store" } });
    await traced.client.chat.completions.create(ask, { fetchOptions: { cache: "no-store" } });
    const [untracedRequest] = plain.seen;
    const [tracedRequest] = traced.seen;
    expect(Object.keys(tracedRequest!.init).sort()).toEqual(Object.keys(untracedRequest!.init).sort());
    expect(tracedRequest!.init.cache).toBe("no-store");
    const added = [...tracedRequest!.headers.keys()].filter((name) => !untracedRequest!.headers.has(name));
    expect(added).toEqual(["traceparent"]);
    const [trace] = await capture.flush();
    const span = trace!.root;
    expect(tracedRequest!.headers.get("traceparent")).toBe(`00-${span.otelTraceId}-${span.spanId}-01`);
    expect(span.attributes).toMatchObject({ "kong.request_id": "abc", "kong.latency.upstream_ms": 12, "http.response.status_code": 200, "kong.attempts": 1 });
  });

  it("keeps the caller's own traceparent, whatever form their headers take, and never mutates them", async () => {
    const { client, seen } = fakeClient();
    tracedOpenAI(client);
    const theirs = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";
    const record = { TraceParent: theirs };
    const pairs: Array<[string, string]> = [["traceparent", theirs]];
    const headers = new Headers({ traceparent: theirs });
    for (const given of [record, pairs, headers]) await client.chat.completions.create(ask, { headers: given as Record<string, string> });
    expect(seen.map((s) => s.headers.get("traceparent"))).toEqual([theirs, theirs, theirs]);
    expect(record).toEqual({ TraceParent: theirs });
    expect(pairs).toEqual([["traceparent", theirs]]);
    await client.chat.completions.create(ask, { headers: { "x-team": "a" } });
    expect(seen.at(-1)!.headers.get("x-team")).toBe("a");
    expect(seen.at(-1)!.headers.get("traceparent")).not.toBe(theirs);
    const withDefault = new OpenAI({ apiKey: "sk-test", baseURL: "http://kong.invalid/v1", defaultHeaders: { traceparent: theirs }, fetch: (client as unknown as { fetch: typeof fetch }).fetch });
    await tracedOpenAI(withDefault).chat.completions.create(ask);
    expect(seen.at(-1)!.headers.get("traceparent")).toBe(theirs);
    // headers in fetchOptions (untyped: the SDK's types forbid them) replace the SDK's: the caller's own object is left as it is
    const own = new Headers({ authorization: "Bearer sk-test" });
    await client.chat.completions.create(ask, { fetchOptions: { headers: own } as object });
    expect([...own.keys()]).toEqual(["authorization"]);
    // the same for headers in the client's own fetchOptions, even when the call gives fetchOptions of its own
    const clientOwn = new Headers({ authorization: "Bearer sk-test" });
    const withFetchOptions = new OpenAI({ apiKey: "sk-test", baseURL: "http://kong.invalid/v1", fetchOptions: { headers: clientOwn } as object, fetch: (client as unknown as { fetch: typeof fetch }).fetch });
    await tracedOpenAI(withFetchOptions).chat.completions.create(ask, { fetchOptions: { cache: "no-store" } });
    expect([...clientOwn.keys()]).toEqual(["authorization"]);
  });

  it("counts every attempt of a retried call on its one span", async () => {
    const { client, seen } = fakeClient([500, 200]);
    tracedOpenAI(client);
    const res = await client.chat.completions.create(ask);
    expect(res.choices[0]!.message.content).toBe("hi");
    expect(seen).toHaveLength(2);
    const traces = await capture.flush();
    expect(traces).toHaveLength(1);
    expect(traces[0]!.root.attributes).toMatchObject({ "kong.attempts": 2, "http.response.status_code": 200, "gen_ai.usage.input_tokens": 3 });
  });
});
