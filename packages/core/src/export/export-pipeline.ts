import { logger, warnOnce } from "../diagnostics/logger";
import { problemKey } from "../diagnostics/problem-key";
import type { MlflowHttpError } from "../errors";
import type { FinishedTrace } from "../tracing/finished-trace";
import { backoffMs, isRetryable } from "./retry-policy";
import { estimateTraceBytes } from "./trace-size";
import type { TraceTransport, TransportName } from "./trace-transport";

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

/** Starts a timer that does not keep a Node process alive. */
const unrefTimer = (run: () => void, ms: number): Timer => {
  const t = setTimeout(run, ms) as Timer;
  t.unref?.();
  return t;
};

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
  /** Queues a finished trace for export. */
  declare readonly enqueue: (trace: FinishedTrace) => void;
  /** Counters since start. */
  declare readonly diagnostics: () => ExportDiagnostics;
  /**
   * Sends everything queued now (ignoring a retry pause) and waits for every
   * export, retrying failures, for at most `timeoutMs` (default 30 s). Never
   * rejects; resolves true when nothing is left waiting.
   */
  declare readonly flush: (timeoutMs?: number) => Promise<boolean>;

  // The state lives in the constructor's closure: its names minify, where
  // properties (even #private ones) would be spelled out at every use.
  constructor(options: ExportPipelineOptions) {
    const { transport, experimentId, maxBatchSize, scheduleDelayMs, maxQueueSize, maxQueueBytes = 64 << 20, maxConcurrentBatches = 2, retryBaseMs = 500, retryMaxMs = 30_000 } = options;
    const queue: Queued[] = [];
    /** The batches being sent. */
    const sending = new Set<Promise<void>>();
    const stats: Pick<ExportDiagnostics, "enqueued" | "exported" | "failed" | "dropped" | "retried" | "lastError"> = { enqueued: 0, exported: 0, failed: 0, dropped: 0, retried: 0 };
    /** Traces queued or in flight, and their estimated bytes. */
    let held = 0;
    let bytes = 0;
    let timer: Timer | undefined;
    let pausedUntil = 0;
    /** Failed deliveries in a row. */
    let failures = 0;

    /** Drains in `ms`, unless a drain is already scheduled. */
    const schedule = (ms: number) => {
      timer ??= unrefTimer(() => drain(false), ms);
    };

    const drain = (ignorePause: boolean): void => {
      const wait = pausedUntil - Date.now();
      // this drain replaces a scheduled one; traces it leaves (all batches in flight) go when a batch is done
      clearTimeout(timer);
      timer = undefined;
      if (!ignorePause && wait > 0) return schedule(wait);
      while (queue.length && sending.size < maxConcurrentBatches) {
        const task = send(queue.splice(0, maxBatchSize)).finally(() => {
          sending.delete(task);
          if (queue.length) schedule(pausedUntil - Date.now());
        });
        sending.add(task);
      }
    };

    /** Reports a failure once: final, or `retrying` (what happens next). */
    const report = (error: unknown, retrying?: string) => {
      const message = error instanceof Error ? error.message : String(error);
      stats.lastError = message;
      // an outage or a bad setting init()'s check already reported is not said again
      warnOnce(problemKey(error) ?? `export:${!retrying}:${message}`, `MLflow export failed${retrying ?? " (not retried)"}: ${message}`);
    };

    const send = async (batch: Queued[]) => {
      /** Each trace that failed, and why. */
      let failed: Map<FinishedTrace, unknown>;
      try {
        const id = await experimentId();
        failed = new Map((await transport.send(batch.map((q) => q.trace), id)).map((f) => [f.trace, f.error]));
      } catch (error) {
        failed = new Map(batch.map((q) => [q.trace, error]));
      }
      const retry: Queued[] = [];
      let delivered = 0;
      let retryAfter = 0;
      for (const item of batch) {
        const error = failed.get(item.trace);
        if (!failed.has(item.trace)) delivered++;
        else if (isRetryable(error)) {
          retry.push(item);
          // a retryable error is an MlflowHttpError or an MlflowNetworkError (no Retry-After)
          retryAfter = Math.max(retryAfter, (error as MlflowHttpError).retryAfterMs ?? 0);
          continue;
        } else {
          stats.failed++;
          report(error);
        }
        held--;
        bytes -= item.bytes;
      }
      stats.exported += delivered;
      if (retry.length) {
        stats.retried += retry.length;
        queue.unshift(...retry);
        const delay = Math.max(retryAfter, backoffMs(++failures, retryBaseMs, retryMaxMs));
        pausedUntil = Date.now() + delay;
        report(failed.get(retry[0]!.trace), `; retrying with backoff in ${Math.round(delay)} ms (${queue.length} traces waiting)`);
      } else if (delivered && failures) {
        logger().warn(`MLflow export recovered after ${failures} failed attempt(s).`);
        failures = pausedUntil = 0;
      }
    };

    this.enqueue = (trace) => {
      const size = estimateTraceBytes(trace);
      const full = held >= maxQueueSize;
      stats.enqueued++;
      if (full || bytes + size > maxQueueBytes) {
        stats.dropped++;
        warnOnce("queue-full", `export queue is full (${full ? `${maxQueueSize} traces` : `${maxQueueBytes} bytes`}); dropping new traces (getExportDiagnostics().dropped).`);
        return;
      }
      held++;
      bytes += size;
      if (queue.push({ trace, bytes: size }) >= maxBatchSize) drain(false);
      else schedule(scheduleDelayMs);
    };

    this.diagnostics = () => {
      const { name } = transport;
      return { ...stats, queued: queue.length, queuedBytes: bytes, inFlight: held - queue.length, ...(name && { transport: name }) };
    };

    this.flush = async (timeoutMs = 30_000) => {
      const deadline = Date.now() + timeoutMs;
      let first = true;
      for (let left = timeoutMs; (queue.length || sending.size) && left > 0; left = deadline - Date.now()) {
        // Only the first round ignores a retry pause: retries wait out the
        // backoff, or a down MLflow would be hit in a tight loop until the deadline.
        drain(first);
        first = false;
        // with nothing in flight, everything failed and went back: wait out the backoff
        const wait = sending.size ? left : Math.min(left, pausedUntil - Date.now());
        await Promise.race([...sending, new Promise<void>((resolve) => unrefTimer(resolve, wait))]);
      }
      const done = !queue.length && !sending.size;
      // once: an app that flushes per request would otherwise repeat it on every request of an outage
      if (!done) warnOnce("flush-timeout", `flush timed out after ${timeoutMs} ms with ${queue.length} traces queued, ${held - queue.length} in flight.`);
      return done;
    };
  }
}
