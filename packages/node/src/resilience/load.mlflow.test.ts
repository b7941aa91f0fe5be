import { type KongStandin, type MlflowServer, batchGetTraces, createExperiment, searchTraces, startKongStandin, startMlflowServer } from "@kong-mlflow/testkit";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { SpanType, flushTraces, getExportDiagnostics, init, trace, tracedOpenAI } from "../index";
import { writeResult } from "./write-result";

const CALLS = 10_000;
const CONCURRENCY = 64;
let server: MlflowServer | undefined;
let kong: KongStandin | undefined;

afterAll(async () => {
  await server?.stop();
  await kong?.close();
});

describe("load: 10,000 traced calls at concurrency 64", () => {
  it("lands every trace in MLflow exactly once, each with exactly its own spans", async () => {
    server = await startMlflowServer();
    const trackingUri = server.trackingUri;
    const experimentId = await createExperiment(trackingUri, "load");
    kong = await startKongStandin();
    init({ trackingUri, experimentId, shutdownFlushTimeoutMs: false, batch: { maxBatchSize: 200, scheduleDelayMs: 50 } });
    // the SDK's default retries: under heavy load the in-process stand-in can answer a rare 502, as a real gateway can
    const client = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-load", maxRetries: 2 }));
    const call = trace({ name: "load-call", spanType: SpanType.CHAIN }, async (n: number) => {
      const res = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `load ${n}` }] });
      return res.choices[0]!.message.content;
    });

    let peakRss = 0;
    let peakHeap = 0;
    const sampler = setInterval(() => {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }, 50);
    const started = performance.now();
    let next = 0;
    const failures: unknown[] = [];
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < CALLS) {
          const n = next++;
          try {
            if ((await call(n)) !== `Echo: load ${n}`) failures.push(n);
          } catch (error) {
            failures.push(error);
          }
        }
      }),
    );
    const callsDone = performance.now();
    await flushTraces(600_000);
    const exportDone = performance.now();
    clearInterval(sampler);
    expect(failures).toEqual([]);
    expect(getExportDiagnostics()).toMatchObject({ enqueued: CALLS, exported: CALLS, failed: 0, dropped: 0, queued: 0 });

    const infos = await searchTraces(trackingUri, { experimentIds: [experimentId], pageSize: 500 });
    const ids = infos.map((t) => t.trace_id);
    expect(ids.length).toBe(CALLS);
    expect(new Set(ids).size).toBe(CALLS);

    const traces = await batchGetTraces(trackingUri, ids, 200);
    expect(traces.length).toBe(CALLS);
    const seen = new Set<number>();
    for (const t of traces) {
      expect(t.spans).toHaveLength(2);
      const root = t.spans.find((s) => s.name === "load-call")!;
      const llm = t.spans.find((s) => s.name === "chat.completions.create")!;
      expect(llm.parent_span_id).toBe(root.span_id);
      expect(new Set(t.spans.map((s) => s.trace_id)).size).toBe(1);
      const n = (root.attributes["mlflow.spanInputs"] as { n: number }).n;
      const content = (llm.attributes["mlflow.spanInputs"] as { messages: Array<{ content: string }> }).messages[0]!.content;
      expect(content).toBe(`load ${n}`); // the LLM span belongs to this trace's call
      expect(root.attributes["mlflow.spanOutputs"]).toBe(`Echo: load ${n}`);
      seen.add(n);
    }
    expect(seen.size).toBe(CALLS);

    writeResult("load", {
      calls: CALLS,
      concurrency: CONCURRENCY,
      landed: traces.length,
      callsPerSecond: Math.round(CALLS / ((callsDone - started) / 1000)),
      endToEndTracesPerSecond: Math.round(CALLS / ((exportDone - started) / 1000)),
      callsSeconds: Number(((callsDone - started) / 1000).toFixed(1)),
      exportDrainSeconds: Number(((exportDone - callsDone) / 1000).toFixed(1)),
      peakRssMb: Math.round(peakRss / 1024 / 1024),
      peakHeapMb: Math.round(peakHeap / 1024 / 1024),
    });
  }, 900_000);
});
