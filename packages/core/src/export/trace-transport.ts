import type { FinishedTrace } from "../tracing/finished-trace";

/** The export paths: MLflow's OTLP endpoint, its native trace API, or a trace relay. */
export type TransportName = "otlp" | "native" | "relay";

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
  /** Which export path this is; a transport still deciding has none yet. */
  readonly name?: TransportName;
  /** Starts loading what sending needs, if it loads on demand; the export pipeline calls it as it loads itself. */
  prepare?(): void;
  send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]>;
}
