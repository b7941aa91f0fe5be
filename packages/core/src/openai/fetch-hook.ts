import type { LlmCall } from "./llm-call";

/**
 * A header that ties an HTTP attempt to its traced call. It only travels
 * from the wrapped `create()` to the client's wrapped `fetch`, which removes
 * it: it never reaches the network.
 * @internal
 */
export const CALL_HEADER = "x-kong-mlflow-call";

const pending = new Map<string, LlmCall>();
let nextId = 0;

/** Registers a call so the fetch hook can find it; returns its id. @internal */
export function registerCall(call: LlmCall): string {
  const id = String(++nextId);
  pending.set(id, call);
  return id;
}

/** Forgets a call once its span ended. @internal */
export function unregisterCall(id: string): void {
  pending.delete(id);
}

function takeCallId(init: RequestInit | undefined): string | undefined {
  const headers = init?.headers;
  if (!headers) return undefined;
  if (typeof (headers as Headers).get === "function") {
    const h = headers as Headers;
    const id = h.get(CALL_HEADER) ?? undefined;
    if (id !== undefined) h.delete(CALL_HEADER);
    return id;
  }
  if (Array.isArray(headers)) {
    const idx = headers.findIndex(([k]) => k.toLowerCase() === CALL_HEADER);
    if (idx < 0) return undefined;
    const [, id] = headers[idx]!;
    headers.splice(idx, 1);
    return id;
  }
  const record = headers as Record<string, string>;
  for (const key of Object.keys(record)) {
    if (key.toLowerCase() === CALL_HEADER) {
      const id = record[key];
      delete record[key];
      return id;
    }
  }
  return undefined;
}

/**
 * Wraps a client's fetch so each attempt of a traced call reports its status
 * and headers (and, for an error, a copy of the body) to the call. The
 * request and the response pass through untouched, apart from removing the
 * call header.
 * @internal
 */
export function wrapFetch(original: typeof fetch): typeof fetch {
  const traced = async function (input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const id = takeCallId(init);
    const call = id === undefined ? undefined : pending.get(id);
    const response = await original.call(undefined, input, init);
    if (call) {
      try {
        call.attempts++;
        const errorBody = response.ok ? undefined : response.clone().text().then((t) => t.slice(0, 8192), () => undefined);
        call.onHttpResponse(response.status, response.headers, errorBody);
      } catch {
        // never disturb the response
      }
    }
    return response;
  };
  return traced as typeof fetch;
}
