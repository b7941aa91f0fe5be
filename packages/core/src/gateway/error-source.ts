import type { SignalKey } from "./signal-keys";

/** Where the error came from and, when it is a string, its message. */
function sourceAndMessage(source: "kong" | "ai-proxy" | "upstream", message?: unknown, requestId?: unknown): Partial<Record<SignalKey, unknown>> {
  const attributes: Partial<Record<SignalKey, unknown>> = { "kong.error.source": source };
  if (typeof message === "string") attributes["kong.error.message"] = message;
  if (typeof requestId === "string") attributes["kong.error.request_id"] = requestId;
  return attributes;
}

/**
 * Classifies an error body from the gateway (spec: Kong's
 * `kong.response.error` template, ai-proxy's `{error: {message}}`, or the
 * provider's body passed through) and returns the span attributes saying so.
 * `proxied` tells whether Kong forwarded the call (its `Via` / upstream
 * latency headers). ai-proxy's own bodies carry only `error.message`, which
 * separates them from a provider's OpenAI-shaped error (type, code, param).
 */
export function errorSourceAttributes(body: string | undefined, proxied: boolean | undefined): Record<string, unknown> {
  if (body === undefined) return proxied === undefined ? {} : sourceAndMessage(proxied ? "upstream" : "kong");
  let parsed: Record<string, unknown>;
  try {
    parsed = Object(JSON.parse(body));
  } catch {
    return sourceAndMessage(proxied === false ? "kong" : "upstream", body.slice(0, 2000));
  }
  const inner = parsed.error && typeof parsed.error === "object" ? (parsed.error as Record<string, unknown>) : undefined;
  if (!inner && typeof parsed.message === "string" && !proxied) return sourceAndMessage("kong", parsed.message, parsed.request_id);
  // ai-proxy writes `{"error":{"message":...}}` and nothing else, before proxying
  // (bad request) or after (a 200 it could not transform); providers add type/code/param.
  if (inner && (!proxied || (Object.keys(inner).length === 1 && typeof inner.message === "string"))) return sourceAndMessage("ai-proxy", inner.message);
  return sourceAndMessage("upstream", inner?.message ?? parsed.message);
}
