import { ELLIPSIS, TRUNCATION_MARKER } from "./markers";
import { isSurrogatePair } from "./surrogates";

/** Above this many bytes, {@link fitsUtf8Bytes} encodes a copy instead of keeping a scratch buffer that large. */
const SCRATCH_MAX_BYTES = 1024 * 1024;

const encoder = new TextEncoder();
let scratch = new Uint8Array(0);

/**
 * True when `text` takes at most `maxBytes` UTF-8 bytes (lone surrogates
 * counting 3, as TextEncoder writes U+FFFD for them). Cheap for texts that
 * are clearly small or clearly big (length checks only); otherwise uses
 * `TextEncoder.encodeInto` into a reused scratch buffer (native, several
 * times faster than a JS loop; the buffer, at most 1 MiB, is kept for later
 * calls), or `TextEncoder.encode` when `maxBytes` is larger than that.
 */
export function fitsUtf8Bytes(text: string, maxBytes: number): boolean {
  const length = text.length;
  // Each UTF-16 code unit takes between 1 and 3 UTF-8 bytes.
  if (length * 3 <= maxBytes) return true;
  if (length > maxBytes) return false;
  if (maxBytes > SCRATCH_MAX_BYTES) return encoder.encode(text).length <= maxBytes;
  if (scratch.length < maxBytes) scratch = new Uint8Array(maxBytes);
  // encodeInto stops before the first char that would not fit.
  return encoder.encodeInto(text, scratch.subarray(0, maxBytes)).read === length;
}

/** The UTF-8 size of the marker ("…" takes 3 bytes, the rest 1), also its JSON cost: no char needs escaping. */
const MARKER_BYTES = TRUNCATION_MARKER.length + 2;

/**
 * Cuts `text` so that `JSON.stringify(result)` (a JSON string literal) takes
 * at most `maxBytes` UTF-8 bytes, and returns the start of `text` followed by
 * {@link TRUNCATION_MARKER}. Never splits a surrogate pair. When `maxBytes`
 * is too small for the marker, degrades to `"…"` (5 bytes with its quotes)
 * and then to `""`.
 */
export function cutToJsonStringBytes(text: string, maxBytes: number): string {
  const budget = maxBytes - 2 - MARKER_BYTES;
  if (budget < 0) return maxBytes < 5 ? "" : ELLIPSIS;
  let used = 0;
  let i = 0;
  for (; i < text.length; i++) {
    // UTF-8 bytes of the char at i once written by JSON.stringify: control
    // chars count 6 (`\u00XX`, an upper bound of the short escapes such as
    // `\n`), a lone surrogate 6 (`\udXXX`), a surrogate pair 4 (two units).
    const c = text.charCodeAt(i);
    const pair = isSurrogatePair(c, text.charCodeAt(i + 1));
    used += c < 0x80 ? (c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : 1) : c < 0x800 ? 2 : pair ? 4 : c < 0xd800 || c > 0xdfff ? 3 : 6;
    if (used > budget) break;
    if (pair) i++;
  }
  return text.slice(0, i) + TRUNCATION_MARKER;
}

/**
 * Returns `jsonText` when it fits in `maxBytes` UTF-8 bytes; otherwise a JSON
 * string literal holding its start and ending with {@link TRUNCATION_MARKER},
 * which fits. The result is always valid JSON if `jsonText` is.
 */
export function fitJsonText(jsonText: string, maxBytes: number): string {
  return fitsUtf8Bytes(jsonText, maxBytes) ? jsonText : JSON.stringify(cutToJsonStringBytes(jsonText, maxBytes));
}
