import { logger, warnOnce } from "../diagnostics/logger";
import type { FinishedTrace } from "../tracing/finished-trace";
import type { TraceTransport } from "./trace-transport";

/** Counters of what the exporter did since `init()`. */
export interface ExportDiagnostics {
  /** Traces handed to the exporter. */
  enqueued: number;
  /** Traces MLflow accepted. */
  exported: number;
  /** Traces MLflow or the network refused; each was reported. */
  failed: number;
  /** Traces dropped because the queue was full; each was reported. */
  dropped: number;
  /** Traces waiting to be sent. */
  queued: number;
  /** Traces being sent now. */
  inFlight: number;
  /** The last export error's message, if any. */
  lastError?: string;
}

/** Settings of the export pipeline. @internal */
export interface ExportPipelineOptions {
  transport: TraceTransport;
  experimentId: () => Promise<string>;
  maxBatchSize: number;
  scheduleDelayMs: number;
  maxQueueSize: number;
  maxConcurrentBatches?: number;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => void };

/**
 * Batches finished traces off the caller's path and sends them through a
 * transport. `enqueue` is synchronous and O(1); nothing it does can throw
 * into user code. Timers are unref'd, so a pending export never keeps a Node
 * process alive; `flush()` is how a process waits for its traces.
 */
export class ExportPipeline {
  private readonly queue: FinishedTrace[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightTraces = 0;
  private timer: Timer | undefined;
  private readonly stats = { enqueued: 0, exported: 0, failed: 0, dropped: 0, lastError: undefined as string | undefined };

  constructor(private readonly options: ExportPipelineOptions) {}

  /** Queues a finished trace for export. */
  enqueue(trace: FinishedTrace): void {
    this.stats.enqueued++;
    if (this.queue.length >= this.options.maxQueueSize) {
      this.stats.dropped++;
      warnOnce(
        "queue-full",
        `export queue is full (${this.options.maxQueueSize} traces); dropping new traces until MLflow catches up. See getExportDiagnostics() for counts.`,
      );
      return;
    }
    this.queue.push(trace);
    if (this.queue.length >= this.options.maxBatchSize) this.drain();
    else this.schedule();
  }

  /** Counters since start. */
  diagnostics(): ExportDiagnostics {
    return { ...this.stats, queued: this.queue.length, inFlight: this.inFlightTraces };
  }

  /**
   * Sends everything queued and waits for every export in flight, for at
   * most `timeoutMs`. Resolves either way (never rejects); returns true when
   * everything was delivered or reported.
   */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    this.clearTimer();
    let timedOut = false;
    let deadline: Timer | undefined;
    const timeout = new Promise<void>((resolve) => {
      deadline = setTimeout(() => {
        timedOut = true;
        resolve();
      }, timeoutMs) as Timer;
      deadline.unref?.();
    });
    const work = (async () => {
      while (!timedOut && (this.queue.length > 0 || this.inFlight.size > 0)) {
        this.drain();
        if (this.inFlight.size > 0) await Promise.race(this.inFlight);
      }
    })();
    await Promise.race([work, timeout]);
    clearTimeout(deadline);
    if (timedOut) {
      logger().warn(`flush timed out after ${timeoutMs} ms with ${this.queue.length} traces queued and ${this.inFlightTraces} in flight.`);
    }
    return !timedOut;
  }

  private schedule(): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain();
    }, this.options.scheduleDelayMs) as Timer;
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drain(): void {
    const maxConcurrent = this.options.maxConcurrentBatches ?? 4;
    while (this.queue.length > 0 && this.inFlight.size < maxConcurrent) {
      const batch = this.queue.splice(0, this.options.maxBatchSize);
      const task = this.sendBatch(batch).finally(() => {
        this.inFlight.delete(task);
        this.inFlightTraces -= batch.length;
        if (this.queue.length > 0) this.schedule();
      });
      this.inFlight.add(task);
      this.inFlightTraces += batch.length;
    }
    if (this.queue.length > 0) this.schedule();
    else this.clearTimer();
  }

  private async sendBatch(batch: FinishedTrace[]): Promise<void> {
    try {
      const experimentId = await this.options.experimentId();
      await this.options.transport.send(batch, experimentId);
      this.stats.exported += batch.length;
    } catch (error) {
      const failures = error instanceof AggregateError ? error.errors : [error];
      const failed = error instanceof AggregateError ? failures.length : batch.length;
      this.stats.failed += failed;
      this.stats.exported += batch.length - failed;
      const message = failures.map((e) => (e instanceof Error ? e.message : String(e)))[0] ?? "unknown error";
      this.stats.lastError = message;
      warnOnce(`export:${message}`, `could not export ${failed} trace(s) to MLflow: ${message}`);
    }
  }
}
