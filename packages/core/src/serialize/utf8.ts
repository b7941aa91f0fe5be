import { isSurrogatePair } from "./surrogates";

/**
 * Number of bytes `new TextEncoder().encode(text)` would produce, computed
 * without allocating. A lone surrogate counts 3 bytes, like the U+FFFD that
 * TextEncoder writes in its place.
 */
export function utf8ByteLength(text: string): number {
  // One byte per code unit, plus what the wider chars take beyond that.
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    // Three bytes, or four for a surrogate pair: two units, already counted once each.
    bytes += c < 0x800 ? 1 : 2;
    if (isSurrogatePair(c, text.charCodeAt(i + 1))) i++;
  }
  return bytes;
}
