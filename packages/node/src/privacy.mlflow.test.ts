import { type KongStandin, getTraceSpans, startKongStandin } from "@kong-mlflow/testkit";
import OpenAI from "openai";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { SpanType, flushTraces, getExportDiagnostics, init, kongGateway, trace, tracedOpenAI } from "./index";
import { traceIdOf } from "./testing/mlflow-readback";

const trackingUri = inject("mlflowTrackingUri");
const OPENAI_KEY = "sk-live-PRIVACY-0123456789abcdef";
const CONSUMER_KEY = "kong-consumer-PRIVACY-9876543210";
let kong: KongStandin;
const sentToMlflow: string[] = [];

beforeAll(async () => {
  kong = await startKongStandin({ keyAuth: { keys: [CONSUMER_KEY] } });
  // Every byte we send to MLflow goes through this fetch: URL, headers and body.
  const recordingFetch = (async (input: RequestInfo | URL, requestInit?: RequestInit) => {
    sentToMlflow.push(String(input), JSON.stringify(requestInit?.headers ?? {}), String(requestInit?.body ?? ""));
    return fetch(input, requestInit);
  }) as typeof fetch;
  init({ trackingUri, experimentName: `privacy-${Date.now()}`, fetch: recordingFetch, batch: { scheduleDelayMs: 10 }, shutdownFlushTimeoutMs: false });
});
afterAll(async () => kong.close());

describe("secrets never reach MLflow", () => {
  it("keeps the OpenAI key, the Authorization and apikey headers and the Kong consumer key out of every exported byte", async () => {
    const gateway = kongGateway({ url: kong.url, routePath: "/v1", consumerKey: CONSUMER_KEY, bearerKey: OPENAI_KEY });
    const client = tracedOpenAI(new OpenAI({ ...gateway.clientOptions, maxRetries: 0 }));

    // a function that is handed a key as an argument: its inputs would carry it
    const callWithKey = trace({ name: "callWithKey", spanType: SpanType.CHAIN }, async (apiKey: string, question: string) => {
      const res = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `${question} (key ${apiKey.slice(0, 4)}…)` }] });
      return { answer: res.choices[0]!.message.content, usedKey: apiKey };
    });
    const result = await callWithKey(OPENAI_KEY, "hello");
    expect(result.usedKey).toBe(OPENAI_KEY); // the app still sees its own values

    // the upstream rejects the key: its error message and headers are recorded
    await expect(client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "x" }] }, { headers: { "x-standin-scenario": "upstream-error-401" } })).rejects.toThrow();
    // Kong rejects a wrong consumer key
    const wrong = tracedOpenAI(new OpenAI({ ...kongGateway({ url: kong.url, consumerKey: `${CONSUMER_KEY}-wrong`, bearerKey: OPENAI_KEY }).clientOptions, maxRetries: 0 }));
    await expect(wrong.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "y" }] })).rejects.toThrow();

    await flushTraces();
    expect(getExportDiagnostics()).toMatchObject({ failed: 0, dropped: 0 });
    expect(kong.requests.every((r) => r.headers.authorization === `Bearer ${OPENAI_KEY}`)).toBe(true); // the keys did travel to the gateway
    const everything = sentToMlflow.join("\n");
    expect(everything.length).toBeGreaterThan(1000);
    for (const secret of [OPENAI_KEY, CONSUMER_KEY, `${CONSUMER_KEY}-wrong`, "PRIVACY"]) expect(everything).not.toContain(secret);

    // and the trace still landed, with the argument redacted
    const spans = await getTraceSpans(trackingUri, traceIdOf(kong.requests[0]!.headers));
    const root = spans.find((s) => s.name === "callWithKey")!;
    expect(String(root.attributes["mlflow.spanInputs"])).toContain("[REDACTED]");
  });
});
