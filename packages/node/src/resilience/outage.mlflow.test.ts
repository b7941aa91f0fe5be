import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type KongStandin, type MlflowServer, createExperiment, getFreePort, searchTraces, startKongStandin, startMlflowServer } from "@kong-mlflow/testkit";
import OpenAI from "openai";
import { afterAll, describe, expect, it } from "vitest";
import { SpanType, flushTraces, getExportDiagnostics, init, setLogger, trace, tracedOpenAI, updateCurrentTrace } from "../index";
import { writeResult } from "./write-result";

const QUEUE_CAP = 150;
let server: MlflowServer | undefined;
let kong: KongStandin | undefined;
const workDir = mkdtempSync(join(tmpdir(), "kong-mlflow-outage-"));

afterAll(async () => {
  await server?.stop();
  await kong?.close();
  setLogger(undefined);
  rmSync(workDir, { recursive: true, force: true });
});

describe("an MLflow outage while the app keeps making traced calls", () => {
  it("loses no call, stays within its memory cap, delivers every queued trace exactly once, and counts the rest as dropped", async () => {
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    const port = await getFreePort();
    server = await startMlflowServer({ port, workDir });
    const trackingUri = server.trackingUri;
    const experimentId = await createExperiment(trackingUri, "outage");
    kong = await startKongStandin();
    init({
      trackingUri,
      experimentId,
      transport: "otlp",
      shutdownFlushTimeoutMs: false,
      batch: { maxQueueSize: QUEUE_CAP, maxBatchSize: 50, scheduleDelayMs: 20, retryBaseDelayMs: 100, retryMaxDelayMs: 1000 },
    });
    const client = tracedOpenAI(new OpenAI({ baseURL: kong.baseURL, apiKey: "sk-outage", maxRetries: 0 }));
    const call = trace({ name: "outage-call", spanType: SpanType.CHAIN }, async (n: number) => {
      updateCurrentTrace({ tags: { n: String(n) } });
      const res = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: `call ${n}` }] });
      return res.choices[0]!.message.content;
    });

    // 1. MLflow up
    for (let n = 0; n < 20; n++) expect(await call(n)).toBe(`Echo: call ${n}`);
    await flushTraces(30_000);
    expect(getExportDiagnostics()).toMatchObject({ exported: 20, dropped: 0, failed: 0 });

    // 2. MLflow down: every call still succeeds, the queue stays within its caps
    await server.stop();
    const heapBefore = process.memoryUsage().heapUsed;
    let maxHeld = 0;
    let maxBytes = 0;
    for (let n = 20; n < 320; n++) {
      expect(await call(n)).toBe(`Echo: call ${n}`);
      const d = getExportDiagnostics();
      maxHeld = Math.max(maxHeld, d.queued + d.inFlight);
      maxBytes = Math.max(maxBytes, d.queuedBytes);
    }
    const heapGrowthMb = (process.memoryUsage().heapUsed - heapBefore) / 1024 / 1024;
    const during = getExportDiagnostics();
    expect(maxHeld).toBeLessThanOrEqual(QUEUE_CAP);
    expect(during.retried).toBeGreaterThan(0);
    expect(during.dropped).toBeGreaterThan(0);
    expect(warnings.some((w) => w.includes("retrying with backoff"))).toBe(true);
    expect(warnings.some((w) => w.includes("queue is full"))).toBe(true);

    // 3. MLflow back (same port, same database)
    server = await startMlflowServer({ port, workDir });
    await flushTraces(60_000);
    const after = getExportDiagnostics();
    expect(after).toMatchObject({ queued: 0, inFlight: 0, failed: 0 });

    const landed = await searchTraces(trackingUri, { experimentIds: [experimentId], pageSize: 500 });
    const ids = landed.map((t) => t.trace_id);
    const ns = landed.map((t) => t.tags?.n);
    expect(new Set(ids).size).toBe(ids.length); // no duplicates
    expect(new Set(ns).size).toBe(ns.length);
    const missing = 320 - landed.length;
    expect(after.dropped).toBe(missing); // every missing trace was reported as dropped, and only those
    expect(landed.length).toBe(after.exported);
    for (let n = 0; n < 20; n++) expect(ns).toContain(String(n)); // nothing from before the outage was lost

    writeResult("outage", {
      calls: 320,
      outageCalls: 300,
      queueCap: QUEUE_CAP,
      landed: landed.length,
      dropped: after.dropped,
      reportedDropped: after.dropped,
      retried: after.retried,
      maxHeldTraces: maxHeld,
      maxQueuedBytes: maxBytes,
      heapGrowthMbDuringOutage: Number(heapGrowthMb.toFixed(1)),
    });
  }, 240_000);
});
