import type { LlmCall } from "./llm-call";

/**
 * Ties an HTTP attempt to its traced call. The wrapped `create()` puts the
 * call in the request's `fetchOptions` under this key; the SDK spreads
 * `fetchOptions` into the `RequestInit` of every attempt, where the wrapped
 * `fetch` finds it. `fetch` reads only the `RequestInit` members it knows, so
 * a symbol key never reaches the network, and no header needs adding or
 * removing.
 * @internal
 */
export const CALL_KEY = Symbol.for("kong-mlflow.openai.call");

/**
 * Wraps a client's fetch so each attempt of a traced call reports its status
 * and headers (and, for an error, a copy of the body) to the call. The
 * request and the response pass through untouched.
 * @internal
 */
export function wrapFetch(original: typeof fetch): typeof fetch {
  return async function tracedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const call = (init as { [CALL_KEY]?: LlmCall } | undefined)?.[CALL_KEY];
    const response = await original(input, init);
    if (call) {
      try {
        call.onAttempt(response, response.ok ? undefined : response.clone().text().then((t) => t.slice(0, 8192), () => undefined));
      } catch {
        // never disturb the response
      }
    }
    return response;
  };
}
