/**
 * Browsers keep at most 64 KiB of `keepalive` request bodies in flight per
 * page (Fetch standard, "inflight keepalive bytes"); a request beyond that
 * fails at once. Bodies are split to stay under {@link KEEPALIVE_BODY_BYTES}.
 */
export const KEEPALIVE_LIMIT_BYTES = 64 * 1024;

/** The body size the relay transport packs traces into: the limit minus a margin. */
export const KEEPALIVE_BODY_BYTES = 60 * 1024;

const encoder = new TextEncoder();
let inflight = 0;

/** UTF-8 size of a string. @internal */
export const utf8Bytes = (text: string): number => encoder.encode(text).byteLength;

/**
 * Wraps a fetch so each request goes out with `keepalive: true` when its body
 * fits in what is left of the page's 64 KiB keepalive budget: such a request
 * survives the page being closed. Larger requests, and bodies other than
 * strings (not measured), go out normally (a closing page may cancel them).
 */
export function keepaliveFetch(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    const body = init?.body;
    const size = body == null ? 0 : typeof body === "string" ? utf8Bytes(body) : Infinity;
    if (init?.keepalive !== undefined || inflight + size > KEEPALIVE_LIMIT_BYTES) return fetchImpl(input, init);
    inflight += size;
    const release = () => {
      inflight -= size;
    };
    // a fetch that throws at once rejects instead, and gives the budget back too
    const pending = new Promise<Response>((resolve) => resolve(fetchImpl(input, { ...init, keepalive: true })));
    pending.then(release, release);
    return pending;
  };
}

/** Keepalive bytes in flight now (for tests). @internal */
export function keepaliveBytesInFlight(): number {
  return inflight;
}
