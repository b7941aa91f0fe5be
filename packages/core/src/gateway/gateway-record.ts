import { forEachHeader, type HeadersLike } from "./headers-like";

/**
 * The span attribute that holds what a traced call's HTTP response said, as
 * recorded on the call path: the gateway's headers and, for an error
 * response, its body. Exporters turn it into the `kong.*` attributes (see
 * `expandGatewayRecord`) and never send it as is (ADR 0010). @internal
 */
export const GATEWAY_RECORD_KEY = "kong.gateway.response";

/** The value of {@link GATEWAY_RECORD_KEY}. @internal */
export interface GatewayRecord {
  /** The response headers the gateway signals are read from, names lower-cased. */
  headers: Record<string, string>;
  /**
   * Set when the call failed with an HTTP status: the error body's text (its
   * first 8 KiB), or null when it could not be read.
   */
  errorBody?: string | null;
}

/**
 * The headers `gatewaySignals` reads: Kong's own (`X-Kong-*`, `Via`,
 * `Server`), the proxy cache's, rate limits, and the provider's request id.
 * Nothing else of a response is kept (no cookies).
 */
const GATEWAY_HEADER = /^(?:x-kong-|x-cache-|(?:x-(?:ai-)?)?ratelimit-|(?:via|server|age|retry-after|(?:x-)?request-id)$)/;

/** The gateway's headers of a response, as a record with lower-cased names (the first value of a repeated name). @internal */
export function gatewayHeaders(headers: HeadersLike): Record<string, string> {
  const kept: Record<string, string> = {};
  forEachHeader(headers, (name, value) => {
    if (GATEWAY_HEADER.test(name)) kept[name] ??= value;
  });
  return kept;
}
