import type { LlmCall } from "./llm-call";

/**
 * Ties an HTTP attempt to its traced call. The wrapped `create()` puts the
 * call in the request's `fetchOptions` under this key; the SDK spreads
 * `fetchOptions` into the `RequestInit` of every attempt, where the wrapped
 * `fetch` finds it. `fetch` reads only the `RequestInit` members it knows, so
 * a symbol key never reaches the network.
 * @internal
 */
export const CALL_KEY = Symbol.for("kong-mlflow.openai.call");

/**
 * Wraps a client's fetch so each attempt of a traced call sends the call's
 * `traceparent` (unless the request has one: the caller's wins) and reports
 * its status and headers (and, for an error, a copy of the body) to the
 * call. The response passes through untouched.
 * @internal
 */
export function wrapFetch(original: typeof fetch): typeof fetch {
  return async function tracedFetch(input: RequestInfo | URL, init?: RequestInit): Promise<Response> {
    const call = (init as { [CALL_KEY]?: LlmCall } | undefined)?.[CALL_KEY];
    const traceparent = call?.traceparent;
    const headers = init?.headers;
    // The SDK builds a fresh Headers for each attempt, from its defaults and the request's.
    try {
      if (traceparent && headers instanceof Headers && !headers.has("traceparent")) headers.set("traceparent", traceparent);
    } catch {
      // headers that cannot take one more (immutable): the request goes out as built
    }
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
