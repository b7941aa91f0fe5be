/** True when `high` and `low` are the two halves of one surrogate pair (NaN, past a string's end, is not). */
export function isSurrogatePair(high: number, low: number): boolean {
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}

/**
 * Number of bytes `new TextEncoder().encode(text)` would produce, computed
 * without allocating. A lone surrogate counts 3 bytes, like the U+FFFD that
 * TextEncoder writes in its place.
 */
export function utf8ByteLength(text: string): number {
  const length = text.length;
  // One byte per code unit, plus what the wider chars take beyond that.
  let bytes = length;
  for (let i = 0; i < length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) {
      bytes += 1;
    } else {
      // Three bytes, or four for a surrogate pair: two units, already counted once each.
      bytes += 2;
      if (isSurrogatePair(c, text.charCodeAt(i + 1))) i++;
    }
  }
  return bytes;
}

/** Above this many bytes, {@link fitsUtf8Bytes} counts in JS instead of keeping a scratch buffer. */
const SCRATCH_MAX_BYTES = 1024 * 1024;

let encoder: TextEncoder | null | undefined;
let scratch: Uint8Array | undefined;

/**
 * True when `text` takes at most `maxBytes` UTF-8 bytes (lone surrogates
 * counting 3, as TextEncoder writes U+FFFD for them). Cheap for texts that
 * are clearly small or clearly big (length checks only); otherwise uses
 * `TextEncoder.encodeInto` into a reused scratch buffer (native, several
 * times faster than a JS loop; the buffer, at most 1 MiB, is kept for later
 * calls), or {@link utf8ByteLength} when TextEncoder is missing or
 * `maxBytes` is larger than that.
 */
export function fitsUtf8Bytes(text: string, maxBytes: number): boolean {
  const length = text.length;
  // Each UTF-16 code unit takes between 1 and 3 UTF-8 bytes.
  if (length * 3 <= maxBytes) return true;
  if (length > maxBytes) return false;
  if (maxBytes <= SCRATCH_MAX_BYTES) {
    if (encoder === undefined) encoder = typeof TextEncoder === "function" ? new TextEncoder() : null;
    if (encoder !== null) {
      if (scratch === undefined || scratch.length < maxBytes) scratch = new Uint8Array(maxBytes);
      // encodeInto stops before the first char that would not fit.
      return encoder.encodeInto(text, scratch.subarray(0, maxBytes)).read === length;
    }
  }
  return utf8ByteLength(text) <= maxBytes;
}
