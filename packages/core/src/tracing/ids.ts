const HEX: string[] = Array.from({ length: 256 }, (_, i) => (i + 256).toString(16).slice(1));

/** The prefix MLflow puts in front of the 32-hex OpenTelemetry trace id. */
export const TRACE_ID_PREFIX = "tr-";

/**
 * Random bytes come from the CSPRNG in blocks: one `getRandomValues` call
 * (a native call with a fixed cost that dominated span creation) serves
 * about 170 traces. The block is drawn lazily, on the first id a call needs,
 * never at import time (workerd forbids randomness outside a request).
 */
const POOL_BYTES = 4096;
const pool = new Uint8Array(POOL_BYTES);
let poolOffset = POOL_BYTES;

function randomHex(bytes: number): string {
  if (poolOffset + bytes > POOL_BYTES) {
    crypto.getRandomValues(pool);
    poolOffset = 0;
  }
  const start = poolOffset;
  poolOffset += bytes;
  let out = "";
  let any = 0;
  for (let i = start; i < start + bytes; i++) {
    const b = pool[i]!;
    any |= b;
    out += HEX[b];
  }
  // An all-zero id is invalid in OpenTelemetry and W3C trace context.
  return any ? out : `${out.slice(0, -2)}01`;
}

/** A new 32-hex (16-byte) OpenTelemetry trace id. */
export const newOtelTraceId = (): string => randomHex(16);

/** A new 16-hex (8-byte) span id. */
export const newSpanId = (): string => randomHex(8);
