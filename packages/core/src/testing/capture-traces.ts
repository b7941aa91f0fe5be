import { resolveOptions } from "../config/resolve-options";
import { ExportPipeline } from "../export/export-pipeline";
import { runtime } from "../runtime/runtime";
import type { FinishedTrace } from "../tracing/finished-trace";

/**
 * Test helper: routes finished traces into an array instead of MLflow, for
 * unit tests of the span API (also the edge package's, through `@kong-mlflow/core/internal`).
 * Restores the options, pipeline, context manager and trace-start hook it found.
 * Integration tests export to a real server.
 * @internal
 */
export function captureTraces(): { traces: FinishedTrace[]; flush(): Promise<FinishedTrace[]>; restore(): void } {
  const rt = runtime();
  const saved = { options: rt.options, pipeline: rt.pipeline, contextManager: rt.contextManager, onTraceStart: rt.onTraceStart };
  const traces: FinishedTrace[] = [];
  rt.options = resolveOptions({ trackingUri: "http://capture.invalid", experimentId: "0" });
  rt.pipeline = new ExportPipeline({
    transport: {
      send: async (batch) => {
        traces.push(...batch);
        return [];
      },
    },
    experimentId: async () => "0",
    maxBatchSize: 1000,
    scheduleDelayMs: 0,
    maxQueueSize: 100_000,
  });
  return {
    traces,
    flush: async () => {
      await rt.pipeline?.flush(5000);
      return traces;
    },
    restore: () => Object.assign(rt, saved),
  };
}
