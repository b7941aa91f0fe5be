import { createHash } from "node:crypto";

/** A cached upstream answer. */
export interface CachedResponse {
  body: Buffer;
  contentType: string;
  storedAtMs: number;
  expiresAtMs: number;
}

/** The `X-Cache-Key` of a request: sha256 hex of its route type, upstream path and upstream body. */
export function cacheKeyOf(routeType: string, upstreamPath: string, upstreamBody: Buffer): string {
  return createHash("sha256").update(`${routeType}\n${upstreamPath}\n`).update(upstreamBody).digest("hex");
}

/**
 * The stand-in's ai-semantic-cache store: exact-match on the cache key (real
 * semantic cache matches by embedding similarity), entries expire after their TTL.
 */
export class ResponseCache {
  readonly #entries = new Map<string, CachedResponse>();

  /** The live entry for `key`, if any. */
  lookup(key: string, nowMs: number): CachedResponse | undefined {
    const entry = this.#entries.get(key);
    if (entry && entry.expiresAtMs <= nowMs) {
      this.#entries.delete(key);
      return undefined;
    }
    return entry;
  }

  /** Stores a 200 body for `ttlSeconds`. */
  store(key: string, body: Buffer, contentType: string, nowMs: number, ttlSeconds: number): void {
    this.#entries.set(key, { body, contentType, storedAtMs: nowMs, expiresAtMs: nowMs + ttlSeconds * 1000 });
  }

  /** Forgets every entry. */
  clear(): void {
    this.#entries.clear();
  }
}
