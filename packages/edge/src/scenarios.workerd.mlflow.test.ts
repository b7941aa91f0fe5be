import { type KongStandin, startKongStandin } from "@kong-mlflow/testkit";
import { Miniflare } from "miniflare";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bundleWorker } from "../test-support/bundle-worker";
import { checkScenarios } from "./testing/scenario-checks";
import type { ScenarioResult } from "./testing/scenarios";
import { readTrace } from "./testing/trace-reader";

const trackingUri = inject("mlflowTrackingUri");
let kong: KongStandin;
let script: string;

beforeAll(async () => {
  [kong, script] = await Promise.all([startKongStandin(), bundleWorker()]);
});
afterAll(async () => kong?.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * The same scenario suite in workerd (Cloudflare's runtime, through
 * miniflare), with and without `nodejs_compat`. The worker wraps its
 * handler in withFlush and never flushes itself: every trace checked here
 * was exported in ctx.waitUntil, after the response had been sent.
 */
describe.each([
  { flags: ["nodejs_compat"], followsAwait: true, label: "with nodejs_compat (AsyncLocalStorage)" },
  { flags: [] as string[], followsAwait: false, label: "without nodejs_compat (call-stack context)" },
])("workerd $label, read back from MLflow", ({ flags, followsAwait }) => {
  let mf: Miniflare;
  const runtime = `workerd${flags.length ? "+compat" : ""}`;
  const runId = `${runtime}-${Date.now()}`;

  beforeAll(async () => {
    mf = new Miniflare({
      modules: true,
      script,
      compatibilityDate: "2025-09-01",
      compatibilityFlags: flags,
      bindings: { KONG_URL: kong.url, MLFLOW_TRACKING_URI: trackingUri, EXPERIMENT: `workerd-${Date.now()}`, RUN_ID: runId, RUNTIME: runtime },
    });
    await mf.ready;
  });
  afterAll(async () => mf?.dispose());

  it("runs the scenario suite in one request and exports in waitUntil", async () => {
    const res = await mf.dispatchFetch("http://worker/scenarios");
    expect(res.status).toBe(200);
    const result = (await res.json()) as ScenarioResult;
    expect(result.followsAwait).toBe(followsAwait);
    await checkScenarios(result, (traceId, minSpans) => readTrace(trackingUri, traceId, minSpans));
  });

  it("keeps two requests interleaved in the same isolate apart", async () => {
    type Answer = { n: number; root: { traceId: string; spanId: string }; child: { traceId: string; spanId: string }; followsAwait: boolean };
    // request 1 waits longer: request 2 starts, awaits and finishes inside request 1's wait
    const [one, two] = (await Promise.all(
      [
        ["1", "60"],
        ["2", "5"],
      ].map(async ([n, delay]) => (await mf.dispatchFetch(`http://worker/interleaved?n=${n}&delay=${delay}`)).json()),
    )) as Answer[];
    for (const answer of [one!, two!]) {
      expect(answer.followsAwait).toBe(followsAwait);
      const t = await readTrace(trackingUri, answer.root.traceId, followsAwait ? 2 : 1);
      expect(t.tags.n).toBe(String(answer.n));
      const root = t.spans.find((s) => s.spanId === answer.root.spanId)!;
      expect(root.parentId).toBeNull();
      if (followsAwait) {
        expect(answer.child.traceId).toBe(answer.root.traceId);
        expect(t.spans.find((s) => s.spanId === answer.child.spanId)?.parentId).toBe(root.spanId);
      } else {
        // no AsyncLocalStorage: the child starts its own trace, never the other request's
        expect([one!.root.traceId, two!.root.traceId]).not.toContain(answer.child.traceId);
        const own = await readTrace(trackingUri, answer.child.traceId, 1);
        expect(own.spans[0]!.parentId).toBeNull();
      }
    }
  });

  it("waits for a streamed body before exporting: the LLM span ends as the client reads the last chunk", async () => {
    kong.reset();
    const res = await mf.dispatchFetch("http://worker/stream-body");
    expect(res.headers.get("content-type")).toBe("text/event-stream");
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    let text = "";
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      text += decoder.decode(value, { stream: true });
      await sleep(5); // a slow client
    }
    const content = text
      .split("\n")
      .filter((line) => line.trim())
      .map((line) => (JSON.parse(line) as { choices: Array<{ delta?: { content?: string } }> }).choices[0]?.delta?.content ?? "")
      .join("");
    const traceparent = kong.requests.at(-1)!.headers.traceparent as string;
    const t = await readTrace(trackingUri, `tr-${traceparent.split("-")[1]}`, 1);
    const span = t.spans[0]!;
    expect(span.name).toBe("chat.completions.create");
    expect(span.attrs["kong.stream.outcome"]).toBe("completed");
    expect((span.outputs as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(content);
  });

  it("control: without withFlush the trace never reaches MLflow (workerd cancels the batch timer after the response)", async () => {
    const traceId = await (await mf.dispatchFetch("http://worker/unflushed")).text();
    expect(traceId).toMatch(/^tr-[0-9a-f]{32}$/);
    await sleep(1500); // well past the 200 ms batch delay
    await expect(readTrace(trackingUri, traceId, 1, 0)).rejects.toThrow(/404|RESOURCE_DOES_NOT_EXIST|not found/i);
  });
});
