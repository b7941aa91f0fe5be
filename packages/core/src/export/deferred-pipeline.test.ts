import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetWarnings, setLogger } from "../diagnostics/logger";
import type { FinishedTrace } from "../tracing/finished-trace";
import { deferredPipeline } from "./deferred-pipeline";
import type { ExportPipelineOptions } from "./export-pipeline";

const fakeTrace = (n: number) => ({ traceId: `tr-${n}`, spans: [{ inputsJson: "x", outputsJson: undefined, events: [] }] }) as unknown as FinishedTrace;

const warnings: string[] = [];
beforeEach(() => {
  warnings.length = 0;
  resetWarnings();
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
});
afterEach(() => setLogger(undefined));

/** Options whose transport records what it was sent, and whether it was told to get ready. */
function recording(overrides: Partial<ExportPipelineOptions> = {}) {
  const sent: string[] = [];
  const prepared: number[] = [];
  const options: ExportPipelineOptions = {
    transport: {
      prepare: () => void prepared.push(1),
      send: async (traces) => {
        sent.push(...traces.map((t) => t.traceId));
        return [];
      },
    },
    experimentId: async () => "1",
    maxBatchSize: 10,
    scheduleDelayMs: 60_000,
    maxQueueSize: 100,
    ...overrides,
  };
  return { options, sent, prepared };
}

describe("deferredPipeline", () => {
  it("holds traces until the pipeline's code has loaded, then delivers them in order", async () => {
    const { options, sent, prepared } = recording();
    const pipeline = deferredPipeline(options);
    pipeline.enqueue(fakeTrace(1));
    pipeline.enqueue(fakeTrace(2));
    // counted before the code is there
    expect(pipeline.diagnostics()).toMatchObject({ enqueued: 2, queued: 2, exported: 0 });
    expect(await pipeline.flush(5000)).toBe(true);
    expect(sent).toEqual(["tr-1", "tr-2"]);
    expect(prepared).toHaveLength(1); // the transport was told to get ready once, as the code loaded
    pipeline.enqueue(fakeTrace(3));
    expect(await pipeline.flush(5000)).toBe(true);
    expect(sent).toEqual(["tr-1", "tr-2", "tr-3"]);
    expect(pipeline.diagnostics()).toMatchObject({ enqueued: 3, exported: 3, queued: 0, dropped: 0 });
  });

  it("starts loading on prepare(), before any trace has finished", async () => {
    const { options, prepared } = recording();
    const pipeline = deferredPipeline(options);
    expect(prepared).toHaveLength(0);
    pipeline.prepare!();
    pipeline.prepare!();
    expect(prepared).toHaveLength(1);
    expect(await pipeline.flush(5000)).toBe(true);
  });

  it("keeps at most maxQueueSize traces while loading, and counts and reports the ones it drops", async () => {
    const { options, sent } = recording({ maxQueueSize: 2 });
    const pipeline = deferredPipeline(options);
    for (let n = 1; n <= 4; n++) pipeline.enqueue(fakeTrace(n));
    expect(pipeline.diagnostics()).toMatchObject({ enqueued: 4, dropped: 2, queued: 2 });
    expect(warnings).toEqual(["export queue is full (2 traces); dropping new traces (getExportDiagnostics().dropped)."]);
    expect(await pipeline.flush(5000)).toBe(true);
    expect(sent).toEqual(["tr-1", "tr-2"]);
    // the pipeline's counts, plus what was dropped before it loaded
    expect(pipeline.diagnostics()).toMatchObject({ enqueued: 4, exported: 2, dropped: 2 });
  });

  it("flush() with nothing queued resolves true", async () => {
    expect(await deferredPipeline(recording().options).flush(1000)).toBe(true);
  });
});
