import { MlflowHttpError, MlflowNetworkError } from "../errors";

/**
 * Whether a failed export is worth trying again: no answer (network error,
 * timeout), 408, 429 and 5xx. Any other answer (a 4xx) would fail the same
 * way again. Resending is safe: MLflow merges a trace sent twice. The
 * server's `Retry-After`, if any, is the error's `retryAfterMs`.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof MlflowHttpError) return error.status === 408 || error.status === 429 || error.status >= 500;
  // only failures of the request itself; a bug building a payload would fail the same way again
  return error instanceof MlflowNetworkError;
}

/**
 * Exponential backoff with full jitter: a random delay in
 * [base·2^(n-1)/2, base·2^(n-1)] for the n-th failure in a row (n ≥ 1),
 * capped at `maxMs`.
 */
export function backoffMs(failures: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  return (Math.min(maxMs, baseMs * 2 ** (failures - 1)) / 2) * (1 + random());
}
