import { logger, warnOnce } from "../diagnostics/logger";
import { problemKey } from "../diagnostics/problem-key";
import type { FinishedTrace } from "../tracing/finished-trace";
import { backoffMs, isRetryable, retryAfterMs } from "./retry-policy";
import { estimateTraceBytes } from "./trace-size";
import type { TraceFailure, TraceTransport, TransportName } from "./trace-transport";

/** Counters of what the exporter did since `init()`. */
export interface ExportDiagnostics {
  /** Traces handed to the exporter. */
  enqueued: number;
  /** Traces MLflow accepted. */
  exported: number;
  /** Traces MLflow refused for good (a 4xx other than 408/429); each was reported. */
  failed: number;
  /** Traces dropped because the queue was full (count or bytes); each was reported. */
  dropped: number;
  /** Deliveries retried after a network error, 408, 429 or 5xx. */
  retried: number;
  /** Traces waiting to be sent. */
  queued: number;
  /** Bytes (estimated) the waiting and in-flight traces hold. */
  queuedBytes: number;
  /** Traces being sent now. */
  inFlight: number;
  /** The last export error's message, if any. */
  lastError?: string;
  /**
   * The export path in use: `"otlp"` or `"native"` once it is ready (chosen,
   * with `transport: "auto"` after MLflow said which it supports, and the
   * connection checked), `"relay"` with `init({ relayUrl })`. Absent while
   * the path is still being prepared.
   */
  transport?: TransportName;
}

/** Settings of the export pipeline. @internal */
export interface ExportPipelineOptions {
  transport: TraceTransport;
  experimentId: () => Promise<string>;
  maxBatchSize: number;
  scheduleDelayMs: number;
  /** Traces held at most, waiting or in flight. */
  maxQueueSize: number;
  /** Estimated bytes held at most, waiting or in flight. Default 64 MiB. */
  maxQueueBytes?: number;
  maxConcurrentBatches?: number;
  /** First retry delay; doubles per consecutive failure. Default 500 ms. */
  retryBaseMs?: number;
  /** Longest retry delay. Default 30 s. */
  retryMaxMs?: number;
}

interface Queued {
  trace: FinishedTrace;
  bytes: number;
}

type Timer = ReturnType<typeof setTimeout> & { unref?: () => void };

const sleep = (ms: number) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(resolve, ms) as Timer;
    t.unref?.();
  });

/**
 * Batches finished traces off the caller's path and sends them through a
 * transport. `enqueue` is synchronous and O(1), and nothing here throws into
 * user code.
 *
 * - The queue is capped by count and by estimated bytes, counting traces in
 *   flight; past a cap, new traces are dropped, counted and reported.
 * - A delivery that fails with a network error, 408, 429 or 5xx goes back to
 *   the front of the queue, and sending pauses with exponential backoff and
 *   jitter (at least the server's `Retry-After`). Any other 4xx is final:
 *   counted as failed and reported with MLflow's message.
 * - Timers are unref'd, so a pending export never keeps a Node process
 *   alive; `flush()` is how a process waits for its traces.
 */
export class ExportPipeline {
  private readonly queue: Queued[] = [];
  private readonly inFlight = new Set<Promise<void>>();
  private inFlightTraces = 0;
  private heldBytes = 0;
  private timer: Timer | undefined;
  private pausedUntil = 0;
  private consecutiveFailures = 0;
  private readonly stats = { enqueued: 0, exported: 0, failed: 0, dropped: 0, retried: 0, lastError: undefined as string | undefined };
  private readonly maxQueueBytes: number;
  private readonly retryBaseMs: number;
  private readonly retryMaxMs: number;

  constructor(private readonly options: ExportPipelineOptions) {
    this.maxQueueBytes = options.maxQueueBytes ?? 64 * 1024 * 1024;
    this.retryBaseMs = options.retryBaseMs ?? 500;
    this.retryMaxMs = options.retryMaxMs ?? 30_000;
  }

  /** Queues a finished trace for export. */
  enqueue(trace: FinishedTrace): void {
    this.stats.enqueued++;
    const bytes = estimateTraceBytes(trace);
    const held = this.queue.length + this.inFlightTraces;
    if (held >= this.options.maxQueueSize || this.heldBytes + bytes > this.maxQueueBytes) {
      this.stats.dropped++;
      const cap = held >= this.options.maxQueueSize ? `${this.options.maxQueueSize} traces` : `${this.maxQueueBytes} bytes`;
      warnOnce("queue-full", `export queue is full (${cap}); dropping new traces until MLflow catches up. getExportDiagnostics().dropped counts them.`);
      return;
    }
    this.queue.push({ trace, bytes });
    this.heldBytes += bytes;
    if (this.queue.length >= this.options.maxBatchSize) this.drain(false);
    else this.schedule(this.options.scheduleDelayMs);
  }

  /** Counters since start. */
  diagnostics(): ExportDiagnostics {
    const { name } = this.options.transport;
    return { ...this.stats, queued: this.queue.length, queuedBytes: this.heldBytes, inFlight: this.inFlightTraces, ...(name ? { transport: name } : {}) };
  }

  /**
   * Sends everything queued now (ignoring a retry pause) and waits for every
   * export, retrying failures, for at most `timeoutMs`. Never rejects;
   * resolves true when nothing is left waiting.
   */
  async flush(timeoutMs = 30_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    let first = true;
    while (this.queue.length > 0 || this.inFlight.size > 0) {
      const left = deadline - Date.now();
      if (left <= 0) break;
      // Only the first round ignores a retry pause: retries wait out the
      // backoff, or a down MLflow would be hit in a tight loop until the deadline.
      this.drain(first);
      first = false;
      if (this.inFlight.size > 0) {
        await Promise.race([...this.inFlight, sleep(left)]);
      } else if (this.queue.length > 0) {
        // everything failed and went back: wait out the backoff
        await sleep(Math.min(left, Math.max(1, this.pausedUntil - Date.now())));
      }
    }
    const done = this.queue.length === 0 && this.inFlight.size === 0;
    if (!done) {
      // once: an app that flushes per request would otherwise repeat it on every request of an outage
      warnOnce("flush-timeout", `flush timed out after ${timeoutMs} ms with ${this.queue.length} traces queued and ${this.inFlightTraces} in flight.`);
    }
    return done;
  }

  private schedule(delayMs: number): void {
    if (this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      this.drain(false);
    }, delayMs) as Timer;
    this.timer.unref?.();
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private drain(ignorePause: boolean): void {
    const now = Date.now();
    if (!ignorePause && now < this.pausedUntil) {
      this.clearTimer();
      this.schedule(this.pausedUntil - now);
      return;
    }
    const maxConcurrent = this.options.maxConcurrentBatches ?? 2;
    while (this.queue.length > 0 && this.inFlight.size < maxConcurrent) {
      const batch = this.queue.splice(0, this.options.maxBatchSize);
      this.inFlightTraces += batch.length;
      const task = this.sendBatch(batch).finally(() => {
        this.inFlight.delete(task);
        this.inFlightTraces -= batch.length;
        if (this.queue.length > 0) this.schedule(Math.max(0, this.pausedUntil - Date.now()));
      });
      this.inFlight.add(task);
    }
    if (this.queue.length === 0) this.clearTimer();
  }

  private async sendBatch(batch: Queued[]): Promise<void> {
    let failures: TraceFailure[];
    try {
      const experimentId = await this.options.experimentId();
      failures = await this.options.transport.send(
        batch.map((q) => q.trace),
        experimentId,
      );
    } catch (error) {
      failures = batch.map((q) => ({ trace: q.trace, error }));
    }
    const failed = new Map(failures.map((f) => [f.trace, f.error]));
    const retry: Queued[] = [];
    let delivered = 0;
    let retryAfter = 0;
    for (const item of batch) {
      if (!failed.has(item.trace)) {
        delivered++;
        this.heldBytes -= item.bytes;
        continue;
      }
      const error = failed.get(item.trace);
      if (isRetryable(error)) {
        retry.push(item);
        retryAfter = Math.max(retryAfter, retryAfterMs(error) ?? 0);
      } else {
        this.heldBytes -= item.bytes;
        this.stats.failed++;
        this.report(error, "could not export a trace to MLflow (not retried)");
      }
    }
    this.stats.exported += delivered;
    if (retry.length > 0) {
      this.stats.retried += retry.length;
      this.queue.unshift(...retry);
      this.consecutiveFailures++;
      const delay = Math.max(retryAfter, backoffMs(this.consecutiveFailures, this.retryBaseMs, this.retryMaxMs));
      this.pausedUntil = Date.now() + delay;
      this.report(failed.get(retry[0]!.trace), `MLflow export failed; retrying with backoff (next in ${Math.round(delay)} ms, ${this.queue.length} traces waiting)`);
    } else if (delivered > 0 && this.consecutiveFailures > 0) {
      logger().warn(`MLflow export recovered after ${this.consecutiveFailures} failed attempt(s).`);
      this.consecutiveFailures = 0;
      this.pausedUntil = 0;
    }
  }

  private report(error: unknown, what: string): void {
    const message = error instanceof Error ? error.message : String(error);
    this.stats.lastError = message;
    // an outage or a bad setting init()'s check already reported is not said again
    warnOnce(problemKey(error) ?? `export:${what.slice(0, 20)}:${message}`, `${what}: ${message}`);
  }
}
