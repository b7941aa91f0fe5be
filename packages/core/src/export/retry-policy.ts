import { MlflowHttpError } from "../errors";

/**
 * Whether a failed export is worth trying again: network errors and
 * timeouts, 408, 429 and 5xx. Any other answer (a 4xx) would fail the same
 * way again. Resending is safe: MLflow merges a trace sent twice.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MlflowHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  if (error instanceof Error) {
    // fetch rejects with TypeError on network failure, and AbortSignal.timeout with TimeoutError
    return error.name === "TypeError" || error.name === "TimeoutError" || error.name === "AbortError";
  }
  return false;
}

/** The server's `Retry-After`, when the error carries one. */
export function retryAfterMs(error: unknown): number | undefined {
  return error instanceof MlflowHttpError ? error.retryAfterMs : undefined;
}

/**
 * Exponential backoff with full jitter: a random delay in
 * [base·2^(n-1)/2, base·2^(n-1)], capped at `maxMs`.
 */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, failures - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}
