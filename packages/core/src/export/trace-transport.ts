import type { FinishedTrace } from "../tracing/finished-trace";

/** A trace a transport could not deliver, and why. */
export interface TraceFailure {
  trace: FinishedTrace;
  error: unknown;
}

/**
 * Delivers a batch of finished traces to MLflow. Resolves with the traces
 * it could not deliver (empty when all landed); rejects when the whole
 * batch failed. The pipeline decides what to retry. @internal
 */
export interface TraceTransport {
  send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]>;
}
