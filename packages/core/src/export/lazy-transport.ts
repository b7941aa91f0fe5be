import type { FinishedTrace } from "../tracing/finished-trace";
import type { TraceFailure, TraceTransport, TransportName } from "./trace-transport";

/**
 * A transport decided on first use (by asking the server), then kept.
 * A failed decision is retried on the next batch.
 */
export class LazyTransport implements TraceTransport {
  readonly #choose: () => Promise<TraceTransport>;
  #chosen: Promise<TraceTransport> | undefined;
  #decided: TraceTransport | undefined;

  constructor(choose: () => Promise<TraceTransport>) {
    this.#choose = choose;
  }

  /** The chosen transport's name, once chosen. */
  get name(): TransportName | undefined {
    return this.#decided?.name;
  }

  /**
   * Makes the decision now rather than with the first batch, so a batch
   * sent when a page is closing needs no more round trips or code to load.
   * A failure is not reported here: the first batch tries again.
   */
  prepare(): void {
    this.#transport().catch(() => undefined);
  }

  send(traces: FinishedTrace[], experimentId: string): Promise<TraceFailure[]> {
    return this.#transport().then((t) => t.send(traces, experimentId));
  }

  #transport(): Promise<TraceTransport> {
    return (this.#chosen ??= this.#choose().then(
      (transport) => (this.#decided = transport),
      (error: unknown) => {
        this.#chosen = undefined;
        throw error;
      },
    ));
  }
}
