import { GatewayAttributeKey as K } from "./signal-keys";

/**
 * Classifies an error body from the gateway (spec: Kong's
 * `kong.response.error` template, ai-proxy's `{error: {message}}`, or the
 * provider's body passed through) and returns the span attributes saying so.
 * `proxied` tells whether Kong forwarded the call (its `Via` / upstream
 * latency headers). ai-proxy's own bodies carry only `error.message`, which
 * separates them from a provider's OpenAI-shaped error (type, code, param).
 */
export function errorSourceAttributes(body: string | undefined, proxied: boolean | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = {};
  if (body === undefined) {
    if (proxied !== undefined) attributes[K.ERROR_SOURCE] = proxied ? "upstream" : "kong";
    return attributes;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    attributes[K.ERROR_SOURCE] = proxied === false ? "kong" : "upstream";
    attributes[K.ERROR_MESSAGE] = body.slice(0, 2000);
    return attributes;
  }
  const obj = (parsed && typeof parsed === "object" ? parsed : {}) as Record<string, unknown>;
  const inner = obj.error && typeof obj.error === "object" ? (obj.error as Record<string, unknown>) : undefined;
  if (!inner && typeof obj.message === "string" && !proxied) {
    attributes[K.ERROR_SOURCE] = "kong";
    attributes[K.ERROR_MESSAGE] = obj.message;
    if (typeof obj.request_id === "string") attributes[K.ERROR_REQUEST_ID] = obj.request_id;
    return attributes;
  }
  // ai-proxy writes `{"error":{"message":...}}` and nothing else, before proxying
  // (bad request) or after (a 200 it could not transform); providers add type/code/param.
  if (inner && (!proxied || (Object.keys(inner).length === 1 && typeof inner.message === "string"))) {
    attributes[K.ERROR_SOURCE] = "ai-proxy";
    if (typeof inner.message === "string") attributes[K.ERROR_MESSAGE] = inner.message;
    return attributes;
  }
  attributes[K.ERROR_SOURCE] = "upstream";
  const message = inner?.message ?? obj.message;
  if (typeof message === "string") attributes[K.ERROR_MESSAGE] = message;
  return attributes;
}
