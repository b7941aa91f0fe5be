import { getExportDiagnostics } from "@kong-mlflow/core";

/** Core's marker for a request given up for good (not retried): `ABANDONED` in `export/mlflow-http.ts`. */
const ABANDONED = Symbol.for("kong-mlflow.request-abandoned");

/** The MLflow requests in flight, through {@link abandonableFetch}. */
const inFlight = new Set<AbortController>();
/** While set, new requests fail at once with it. */
let refusal: Error | undefined;

/**
 * Wraps the fetch MLflow requests go through so that
 * {@link abandonRequests} can abort them: each request gets a signal of
 * its own that follows the caller's (the request timeout).
 */
export function abandonableFetch(inner: typeof fetch): typeof fetch {
  return (input, init) => {
    if (refusal) return Promise.reject(refusal);
    const controller = new AbortController();
    const outer = init?.signal;
    const follow = () => controller.abort(outer!.reason);
    if (outer?.aborted) follow();
    else outer?.addEventListener("abort", follow, { once: true });
    inFlight.add(controller);
    return inner(input, { ...init, signal: controller.signal }).finally(() => {
      inFlight.delete(controller);
      outer?.removeEventListener("abort", follow);
    });
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Gives up on every MLflow request in flight, for a process that is ending:
 * aborts them (so their sockets close and nothing holds the event loop),
 * and fails new ones at once until the export batches that were in flight
 * have settled, at most `waitMs`. Core counts those traces as failed, not
 * retried, and reports `why` once.
 */
export async function abandonRequests(why: string, waitMs: number): Promise<void> {
  const reason = Object.assign(new Error(why), { [ABANDONED]: true });
  refusal = reason;
  try {
    for (const controller of inFlight) controller.abort(reason);
    const deadline = Date.now() + waitMs;
    while (getExportDiagnostics().inFlight > 0 && Date.now() < deadline) await sleep(5);
  } finally {
    refusal = undefined;
  }
}
