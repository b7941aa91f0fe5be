import type { FinishedTrace } from "../tracing/finished-trace";

/**
 * Delivers a batch of finished traces to MLflow. Rejects when a trace could
 * not be delivered; the pipeline reports it. @internal
 */
export interface TraceTransport {
  send(traces: FinishedTrace[], experimentId: string): Promise<void>;
}
