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

/** UTF-8 size of a string body, or undefined for bodies we do not measure. */
function bodyBytes(body: unknown): number | undefined {
  if (body === undefined || body === null) return 0;
  if (typeof body === "string") return encoder.encode(body).byteLength;
  return undefined;
}

/**
 * Wraps a fetch so each request goes out with `keepalive: true` when its body
 * fits in what is left of the page's 64 KiB keepalive budget: such a request
 * survives the page being closed. Larger requests go out normally (a closing
 * page may cancel them).
 */
export function keepaliveFetch(fetchImpl: typeof fetch): typeof fetch {
  return (input, init) => {
    const size = bodyBytes(init?.body);
    if (init?.keepalive !== undefined || size === undefined || inflight + size > KEEPALIVE_LIMIT_BYTES) return fetchImpl(input, init);
    inflight += size;
    const release = () => {
      inflight -= size;
    };
    let pending: Promise<Response>;
    try {
      pending = fetchImpl(input, { ...init, keepalive: true });
    } catch (error) {
      release();
      throw error;
    }
    pending.then(release, release);
    return pending;
  };
}

/** Keepalive bytes in flight now (for tests). @internal */
export function keepaliveBytesInFlight(): number {
  return inflight;
}
