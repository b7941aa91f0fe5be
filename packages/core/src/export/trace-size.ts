import type { FinishedTrace } from "../tracing/finished-trace";

/** Rough per-span overhead beyond inputs and outputs (ids, times, attribute keys), in bytes. */
const SPAN_OVERHEAD_BYTES = 512;

/**
 * An estimate of the memory a queued trace holds, for the queue's byte cap:
 * the serialized inputs and outputs (already held as text) plus a fixed
 * allowance per span and event. Cheap: no serialization.
 */
export function estimateTraceBytes(trace: FinishedTrace): number {
  let bytes = 0;
  for (const span of trace.spans) {
    bytes += SPAN_OVERHEAD_BYTES + 2 * ((span.inputsJson?.length ?? 0) + (span.outputsJson?.length ?? 0)) + 128 * span.events.length;
  }
  return bytes;
}
