import { MlflowHttpError, MlflowNetworkError } from "../errors";

/**
 * Whether a failed export is worth trying again: no answer (network error,
 * timeout), 408, 429 and 5xx. Any other answer (a 4xx) would fail the same
 * way again. Resending is safe: MLflow merges a trace sent twice.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MlflowHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  // only failures of the request itself; a bug building a payload would fail the same way again
  return error instanceof MlflowNetworkError;
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
