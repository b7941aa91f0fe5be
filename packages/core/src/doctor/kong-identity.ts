import { type HeadersLike, headerValue } from "../gateway/headers-like";

/** What a response's headers say about who sent it. */
export interface KongIdentity {
  /** True when any Kong header is present. */
  isKong: boolean;
  /** Kong's version, from `Via: 1.1 kong/3.10.0` or `Server: kong/3.10.0`. */
  version: string | undefined;
  /** The Kong headers found, as `Name: value` (values shortened). */
  evidence: string[];
  /** `X-Kong-Admin-Latency`: this is Kong's Admin API, not its proxy. */
  adminApi: boolean;
}

const KONG_PRODUCT = /(^|[\s,])kong\/([0-9][\w.-]*)?/i;

/**
 * Recognizes Kong by the headers it adds (spec: kong-gateway §1.1):
 * `X-Kong-Request-Id` (default on since 3.5), `Via: … kong/x` (proxied),
 * `Server: kong/x` (answered by Kong itself), and the `X-Kong-*-Latency`
 * headers. A Kong with `headers=off` sends none of them.
 */
export function kongIdentity(headers: HeadersLike): KongIdentity {
  const evidence: string[] = [];
  let version: string | undefined;
  const requestId = headerValue(headers, "x-kong-request-id");
  if (requestId) evidence.push("X-Kong-Request-Id");
  for (const name of ["Via", "Server"]) {
    const value = headerValue(headers, name);
    const match = value ? KONG_PRODUCT.exec(value) : null;
    if (match) {
      evidence.push(`${name}: ${value!.trim()}`);
      version ??= match[2];
    }
  }
  for (const name of ["X-Kong-Proxy-Latency", "X-Kong-Upstream-Latency", "X-Kong-Response-Latency", "X-Kong-Admin-Latency"]) {
    if (headerValue(headers, name) !== undefined) evidence.push(name);
  }
  return { isKong: evidence.length > 0, version, evidence, adminApi: headerValue(headers, "x-kong-admin-latency") !== undefined };
}
