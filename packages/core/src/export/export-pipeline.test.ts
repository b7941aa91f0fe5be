import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { resetWarnings, setLogger } from "../diagnostics/logger";
import { MlflowHttpError, MlflowNetworkError } from "../errors";
import type { FinishedTrace } from "../tracing/finished-trace";
import { ExportPipeline, type ExportPipelineOptions } from "./export-pipeline";
import type { TraceFailure } from "./trace-transport";

const fakeTrace = (n: number, bytes = 0) =>
  ({ traceId: `tr-${n}`, spans: [{ inputsJson: "x".repeat(bytes), outputsJson: undefined, events: [] }] }) as unknown as FinishedTrace;

function pipeline(send: (batch: FinishedTrace[]) => Promise<TraceFailure[] | void>, over: Partial<ExportPipelineOptions> = {}) {
  return new ExportPipeline({
    transport: { send: async (b) => (await send(b)) ?? [] },
    experimentId: async () => "1",
    maxBatchSize: 10,
    scheduleDelayMs: 5,
    maxQueueSize: 100,
    retryBaseMs: 5,
    retryMaxMs: 20,
    ...over,
  });
}

const warnings: string[] = [];
beforeEach(() => {
  warnings.length = 0;
  resetWarnings();
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
});
afterEach(() => setLogger(undefined));

describe("ExportPipeline", () => {
  it("batches traces and delivers each once", async () => {
    const batches: string[][] = [];
    const p = pipeline(async (b) => void batches.push(b.map((t) => t.traceId)));
    for (let i = 0; i < 25; i++) p.enqueue(fakeTrace(i));
    expect(await p.flush()).toBe(true);
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `tr-${i}`));
    expect(p.diagnostics()).toMatchObject({ enqueued: 25, exported: 25, failed: 0, dropped: 0, retried: 0, queued: 0, queuedBytes: 0, inFlight: 0 });
  });

  it("sends on its own after the schedule delay", async () => {
    const sent: FinishedTrace[] = [];
    const p = pipeline(async (b) => void sent.push(...b), { scheduleDelayMs: 1 });
    p.enqueue(fakeTrace(1));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });

  it("retries network errors, 429 and 5xx with backoff until they land, each exactly once", async () => {
    const outcomes: unknown[] = [new MlflowNetworkError("fetch failed"), new MlflowHttpError(503, "down"), new MlflowHttpError(429, "slow down", undefined, 30)];
    const landed: string[] = [];
    const attemptsAt: number[] = [];
    const p = pipeline(async (b) => {
      attemptsAt.push(Date.now());
      const next = outcomes.shift();
      if (next) throw next;
      landed.push(...b.map((t) => t.traceId));
    });
    for (let i = 0; i < 3; i++) p.enqueue(fakeTrace(i));
    await vi.waitFor(() => expect(landed).toHaveLength(3), { timeout: 3000 });
    expect(landed).toEqual(["tr-0", "tr-1", "tr-2"]);
    expect(attemptsAt).toHaveLength(4);
    expect(attemptsAt[3]! - attemptsAt[2]!).toBeGreaterThanOrEqual(29); // Retry-After honoured
    expect(p.diagnostics()).toMatchObject({ exported: 3, failed: 0, retried: 9, queued: 0 });
    expect(warnings.some((w) => w.includes("retrying with backoff"))).toBe(true);
    expect(warnings.some((w) => w.includes("recovered"))).toBe(true);
  });

  it("does not retry other 4xx: counted as failed and reported with MLflow's message", async () => {
    const p = pipeline(async () => {
      throw new MlflowHttpError(400, "MLflow POST /v1/traces answered 400: bad experiment");
    });
    p.enqueue(fakeTrace(1));
    p.enqueue(fakeTrace(2));
    await p.flush(2000);
    expect(p.diagnostics()).toMatchObject({ exported: 0, failed: 2, retried: 0, queued: 0, lastError: "MLflow POST /v1/traces answered 400: bad experiment" });
    expect(warnings.filter((w) => w.includes("bad experiment"))).toHaveLength(1);
  });

  it("retries only the traces of a batch that failed", async () => {
    let first = true;
    const landed: string[] = [];
    const p = pipeline(async (b) => {
      if (first) {
        first = false;
        landed.push(b[0]!.traceId);
        return [{ trace: b[1]!, error: new MlflowHttpError(500, "oops") }];
      }
      landed.push(...b.map((t) => t.traceId));
      return [];
    });
    p.enqueue(fakeTrace(0));
    p.enqueue(fakeTrace(1));
    await p.flush(2000);
    expect(landed).toEqual(["tr-0", "tr-1"]);
    expect(p.diagnostics()).toMatchObject({ exported: 2, retried: 1 });
  });

  it("caps the queue by count and by bytes, counting traces in flight, and reports drops", async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const p = pipeline(async () => gate, { maxQueueSize: 5, maxBatchSize: 2, maxConcurrentBatches: 1, scheduleDelayMs: 0 });
    for (let i = 0; i < 8; i++) p.enqueue(fakeTrace(i));
    expect(p.diagnostics()).toMatchObject({ enqueued: 8, dropped: 3 });
    expect(p.diagnostics().queued + p.diagnostics().inFlight).toBe(5);
    release();
    await p.flush(2000);
    expect(p.diagnostics()).toMatchObject({ exported: 5, dropped: 3 });
    expect(warnings.some((w) => w.includes("queue is full (5 traces)"))).toBe(true);

    const small = pipeline(async () => {}, { maxQueueBytes: 10_000, scheduleDelayMs: 10_000 });
    small.enqueue(fakeTrace(1, 2000)); // about 4.5 KB held
    small.enqueue(fakeTrace(2, 2000));
    small.enqueue(fakeTrace(3, 2000)); // would pass 10 KB
    expect(small.diagnostics()).toMatchObject({ queued: 2, dropped: 1 });
    await small.flush(1000);
  });

  it("keeps retrying inside flush() until the deadline, then says what is left", async () => {
    const p = pipeline(() => Promise.reject(new MlflowNetworkError("fetch failed")));
    p.enqueue(fakeTrace(1));
    const started = Date.now();
    expect(await p.flush(150)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1500);
    expect(p.diagnostics()).toMatchObject({ queued: 1, exported: 0, failed: 0 });
    expect(warnings.some((w) => w.includes("flush timed out after 150 ms with 1 traces queued"))).toBe(true);
  });

  it("gives up waiting on a hung request after the flush timeout", async () => {
    const p = pipeline(() => new Promise(() => {}));
    p.enqueue(fakeTrace(1));
    const started = Date.now();
    expect(await p.flush(50)).toBe(false);
    expect(Date.now() - started).toBeLessThan(1000);
  });
});
