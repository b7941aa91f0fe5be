import { type KongStandin, startKongStandin } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flushTraces, getExportDiagnostics, init, spansFollowAwait } from "./index";
import { checkScenarios } from "./testing/scenario-checks";
import { runScenarios } from "./testing/scenarios";
import { readTrace } from "./testing/trace-reader";

declare const EdgeRuntime: string | undefined;

const trackingUri = inject("mlflowTrackingUri");
let kong: KongStandin;

beforeAll(async () => {
  kong = await startKongStandin();
});
afterAll(async () => kong?.close());

describe("the scenario suite in vitest's edge-runtime environment (Vercel Edge globals), read back from MLflow", () => {
  it("runs on the Edge Runtime's own globals, where spans follow await", () => {
    expect(typeof EdgeRuntime).toBe("string");
    expect(spansFollowAwait()).toBe(true);
  });

  it("manual spans, an error, chat and streaming chat through Kong, interleaved requests", async () => {
    init({ trackingUri, experimentName: `edge-runtime-${Date.now()}`, batch: { scheduleDelayMs: 20 } });
    const result = await runScenarios({ kongUrl: kong.url, runId: `edge-runtime-${Date.now()}`, runtime: "edge-runtime" });
    await flushTraces();
    expect(getExportDiagnostics()).toMatchObject({ failed: 0, dropped: 0, queued: 0 });
    await checkScenarios(result, (traceId, minSpans) => readTrace(trackingUri, traceId, minSpans));
  });
});
