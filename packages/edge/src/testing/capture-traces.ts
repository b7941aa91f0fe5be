import { ExportPipeline, type FinishedTrace, resolveOptions, runtime } from "@kong-mlflow/core/internal";

/** Test helper: finished traces go into an array instead of MLflow. */
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
