import { ConfigurationError, MlflowNetworkError } from "../errors";

/**
 * The innermost reason of an error, in a few words: the message (or code)
 * at the end of its `cause` chain, e.g. `connect ECONNREFUSED 127.0.0.1:5000`
 * for a fetch that found nobody listening. Never throws. @internal
 */
export function rootReason(error: unknown): string {
  try {
    let current: unknown = error;
    for (let depth = 0; depth < 8 && current instanceof Error && current.cause !== undefined; depth++) current = current.cause;
    return String(current instanceof Error ? current.message || (current as { code?: unknown }).code || current.name : current);
  } catch {
    return "unknown error";
  }
}

/**
 * The `warnOnce` key of a failure that is not about one request: MLflow not
 * answering, or a bad setting. `init()`'s background check and the exporter
 * both run into such a problem; with this key it is reported once, by
 * whichever sees it first. Undefined for other failures. @internal
 */
export function problemKey(error: unknown): string | undefined {
  if (error instanceof MlflowNetworkError) return `network:${rootReason(error)}`;
  if (error instanceof ConfigurationError) return `config:${error.message}`;
  return undefined;
}
