import { warnOnce } from "../diagnostics/logger";
import type { FinishedTrace } from "../tracing/finished-trace";
import type { ExportDiagnostics, ExportPipeline, ExportPipelineOptions } from "./export-pipeline";

/** The export queue the runtime holds: {@link deferredPipeline}'s stand-in, or an `ExportPipeline` (tests). @internal */
export type Pipeline = Pick<ExportPipeline, "enqueue" | "flush" | "diagnostics"> & {
  /** Starts loading the export code (a trace has started), so that it is there when the trace ends. */
  prepare?(): void;
};

/**
 * The export pipeline, whose code (batching, retries, queue caps) is loaded
 * with `import()` when the first trace starts (`prepare`), not with the
 * page: bundlers give it a chunk of its own, which a page that never traces
 * never downloads (ADR 0011). The transport is told to get ready at the same
 * time (`TraceTransport.prepare`), so both are there, in practice, long
 * before the trace ends: an LLM call takes far longer. Until then, finished
 * traces wait here, at most `maxQueueSize` of them (more are dropped,
 * counted and reported as by the pipeline); then the pipeline takes them
 * over, in order, and every call goes straight to it. A failed load is
 * reported once and tried again with the next trace or flush. @internal
 */
export function deferredPipeline(options: ExportPipelineOptions): Pipeline {
  let pipeline: ExportPipeline | undefined;
  let loading: Promise<unknown> | undefined;
  const waiting: FinishedTrace[] = [];
  let dropped = 0;
  const load = () =>
    (loading ??= (options.transport.prepare?.(), import("./export-pipeline")).then(
      ({ ExportPipeline }) => {
        pipeline = new ExportPipeline(options);
        for (const trace of waiting.splice(0)) pipeline.enqueue(trace);
      },
      (error: unknown) => {
        loading = undefined;
        warnOnce("load-export-code", `could not load the export code: ${String(error)}`);
      },
    ));
  return {
    prepare: () => void load(),
    enqueue(trace) {
      if (pipeline) return pipeline.enqueue(trace);
      if (waiting.length < options.maxQueueSize) waiting.push(trace);
      else {
        dropped++;
        warnOnce("queue-full", `export queue is full (${options.maxQueueSize} traces); dropping new traces (getExportDiagnostics().dropped).`);
      }
      void load();
    },
    async flush(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      if (!pipeline) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        await Promise.race([load(), new Promise((resolve) => (timer = setTimeout(resolve, timeoutMs)))]);
        clearTimeout(timer);
      }
      return pipeline ? pipeline.flush(Math.max(0, deadline - Date.now())) : !waiting.length;
    },
    diagnostics(): ExportDiagnostics {
      const counts = pipeline?.diagnostics() ?? { enqueued: waiting.length, exported: 0, failed: 0, dropped: 0, retried: 0, queued: waiting.length, queuedBytes: 0, inFlight: 0 };
      return dropped ? { ...counts, enqueued: counts.enqueued + dropped, dropped: counts.dropped + dropped } : counts;
    },
  };
}
