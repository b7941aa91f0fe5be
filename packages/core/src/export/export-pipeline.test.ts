import { describe, expect, it, vi } from "vitest";
import { resetWarnings, setLogger } from "../diagnostics/logger";
import type { FinishedTrace } from "../tracing/finished-trace";
import { ExportPipeline } from "./export-pipeline";

const fakeTrace = (n: number) => ({ traceId: `tr-${n}` }) as unknown as FinishedTrace;

function pipeline(send: (batch: FinishedTrace[]) => Promise<void>, over: Partial<ConstructorParameters<typeof ExportPipeline>[0]> = {}) {
  return new ExportPipeline({ transport: { send }, experimentId: async () => "1", maxBatchSize: 10, scheduleDelayMs: 5, maxQueueSize: 100, ...over });
}

describe("ExportPipeline", () => {
  it("batches traces and delivers each once", async () => {
    const batches: string[][] = [];
    const p = pipeline(async (b) => void batches.push(b.map((t) => t.traceId)));
    for (let i = 0; i < 25; i++) p.enqueue(fakeTrace(i));
    await p.flush();
    expect(batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(batches.flat()).toEqual(Array.from({ length: 25 }, (_, i) => `tr-${i}`));
    expect(p.diagnostics()).toMatchObject({ enqueued: 25, exported: 25, failed: 0, dropped: 0, queued: 0, inFlight: 0 });
  });

  it("sends on its own after the schedule delay", async () => {
    const sent: FinishedTrace[] = [];
    const p = pipeline(async (b) => void sent.push(...b), { scheduleDelayMs: 1 });
    p.enqueue(fakeTrace(1));
    await vi.waitFor(() => expect(sent).toHaveLength(1));
  });

  it("counts and reports drops when the queue is full, and failures, and never throws", async () => {
    const warnings: string[] = [];
    resetWarnings();
    setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    try {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const p = pipeline(
        async () => {
          await gate;
          throw new Error("MLflow said no");
        },
        { maxQueueSize: 5, maxBatchSize: 100, maxConcurrentBatches: 1, scheduleDelayMs: 60_000 },
      );
      for (let i = 0; i < 8; i++) p.enqueue(fakeTrace(i));
      expect(p.diagnostics()).toMatchObject({ enqueued: 8, dropped: 3, queued: 5 });
      const flushed = p.flush(5000);
      release();
      await flushed;
      expect(p.diagnostics()).toMatchObject({ exported: 0, failed: 5, dropped: 3, queued: 0, lastError: "MLflow said no" });
      expect(warnings.some((w) => w.includes("queue is full"))).toBe(true);
      expect(warnings.some((w) => w.includes("MLflow said no"))).toBe(true);
    } finally {
      setLogger(undefined);
    }
  });

  it("gives up waiting after the flush timeout", async () => {
    setLogger({ warn: () => {}, error: () => {} });
    try {
      const p = pipeline(() => new Promise(() => {}));
      p.enqueue(fakeTrace(1));
      const started = Date.now();
      expect(await p.flush(50)).toBe(false);
      expect(Date.now() - started).toBeLessThan(2000);
    } finally {
      setLogger(undefined);
    }
  });
});
