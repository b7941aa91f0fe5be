import { resolveOptions } from "../config/resolve-options";
import { ExportPipeline } from "../export/export-pipeline";
import { expandGatewayRecord } from "../gateway/expand-gateway-record";
import { runtime } from "../runtime/runtime";
import type { FinishedTrace } from "../tracing/finished-trace";

/**
 * Test helper: routes finished traces into an array instead of MLflow, for
 * unit tests of the span API (also the edge package's, through `@kong-mlflow/core/internal`).
 * Spans' attributes are what an exporter sends (the gateway record a traced
 * call leaves is expanded into `kong.*` attributes, ADR 0010).
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
        for (const trace of batch) for (const span of trace.spans) expandInPlace(span.attributes as Record<string, unknown>);
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

/** Replaces a span's attributes with what an exporter sends. */
function expandInPlace(attributes: Record<string, unknown>): void {
  const expanded = expandGatewayRecord(attributes);
  if (expanded === attributes) return;
  for (const key of Object.keys(attributes)) delete attributes[key];
  Object.assign(attributes, expanded);
}
