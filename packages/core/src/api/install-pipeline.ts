import type { ResolvedTracingOptions } from "../config/tracing-options";
import { deferredPipeline } from "../export/deferred-pipeline";
import type { TraceTransport } from "../export/trace-transport";
import { type RelayEndpoint, runtime } from "../runtime/runtime";

/** Where finished traces go: a transport, and the experiment they belong to. @internal */
export interface TraceDestination {
  transport: TraceTransport;
  /** The experiment id to log into, resolved when the first batch goes out. */
  experimentId: () => Promise<string>;
}

/**
 * Makes `resolved` the configuration in force and starts exporting to the
 * destination `connect` builds (not called when tracing is disabled). Traces
 * that finished before any `init()` are handed over; the previous pipeline,
 * if any, still delivers what it holds. Every `init()` (core, edge, relay)
 * ends here, so each destination gets the same queue caps, batching and
 * retry settings. `relay` is the trace relay that feedback goes through too
 * (the edge package's `init({ relayUrl })`); without one, none. @internal
 */
export function installPipeline(resolved: ResolvedTracingOptions, connect: () => TraceDestination, relay?: RelayEndpoint): void {
  const rt = runtime();
  const previous = rt.pipeline;
  rt.options = resolved;
  rt.relay = relay;
  if (!resolved.enabled) {
    rt.pipeline = undefined;
    rt.early.length = 0;
    return;
  }
  // The resolved options name the batch settings as ExportPipelineOptions does, but for the
  // retry delays; two batches at most are in flight (the pipeline's default). Its code loads
  // with the first trace (ADR 0011).
  rt.pipeline = deferredPipeline({ ...resolved, ...connect(), retryBaseMs: resolved.retryBaseDelayMs, retryMaxMs: resolved.retryMaxDelayMs });
  for (const trace of rt.early.splice(0)) rt.pipeline.enqueue(trace);
  if (previous) void previous.flush();
}
