import type { FinishedTrace } from "../tracing/finished-trace";
import type { TraceFailure, TraceTransport } from "./trace-transport";

/**
 * A transport decided on first use (by asking the server), then kept.
 * A failed decision is retried on the next batch.
 */
export class LazyTransport implements TraceTransport {
  private chosen: Promise<TraceTransport> | undefined;

  constructor(private readonly choose: () => Promise<TraceTransport>) {}

  send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]> {
    this.chosen ??= this.choose().catch((error: unknown) => {
      this.chosen = undefined;
      throw error;
    });
    return this.chosen.then((t) => t.send(traces, experimentId));
  }
}
