import { TRUNCATION_MARKER } from "./markers";
import { fitsUtf8Bytes, isSurrogatePair, utf8ByteLength } from "./utf8";

/**
 * UTF-8 bytes that the char at `text[i]` (one or two code units) takes once
 * the string is written as a JSON string literal by `JSON.stringify`.
 * Control chars count 6 (`\u00XX`, an upper bound of the short escapes such as
 * `\n`), a lone surrogate counts 6 (`\udXXX`).
 */
function jsonCharCost(c: number, next: number): number {
  if (c < 0x80) return c === 0x22 || c === 0x5c ? 2 : c < 0x20 ? 6 : 1;
  if (c < 0x800) return 2;
  if (c < 0xd800 || c > 0xdfff) return 3;
  return isSurrogatePair(c, next) ? 4 : 6;
}

/** No char of the marker needs escaping: its JSON cost is its UTF-8 size. */
const MARKER_COST = utf8ByteLength(TRUNCATION_MARKER);

/** `"…"`: what is left of a cut value when the full marker does not fit. */
const ELLIPSIS = "…";
const ELLIPSIS_JSON_BYTES = 5;

/**
 * Cuts `text` so that `JSON.stringify(result)` (a JSON string literal) takes
 * at most `maxBytes` UTF-8 bytes, and returns the start of `text` followed by
 * {@link TRUNCATION_MARKER}. Never splits a surrogate pair. When `maxBytes`
 * is too small for the marker, degrades to `"…"` and then to `""`.
 */
export function cutToJsonStringBytes(text: string, maxBytes: number): string {
  const budget = maxBytes - 2 - MARKER_COST;
  if (budget < 0) return maxBytes >= ELLIPSIS_JSON_BYTES ? ELLIPSIS : "";
  const length = text.length;
  let used = 0;
  let i = 0;
  while (i < length) {
    const c = text.charCodeAt(i);
    const cost = jsonCharCost(c, text.charCodeAt(i + 1));
    if (used + cost > budget) break;
    used += cost;
    // Only a surrogate pair costs 4: it spans two code units.
    i += cost === 4 ? 2 : 1;
  }
  return text.slice(0, i) + TRUNCATION_MARKER;
}

/**
 * Returns `text` when `JSON.stringify(text)` fits in `maxBytes` UTF-8 bytes,
 * else {@link cutToJsonStringBytes}`(text, maxBytes)`.
 */
export function fitString(text: string, maxBytes: number): string {
  return fitsUtf8Bytes(JSON.stringify(text), maxBytes) ? text : cutToJsonStringBytes(text, maxBytes);
}

/**
 * Returns `jsonText` when it fits in `maxBytes` UTF-8 bytes; otherwise a JSON
 * string literal holding its start and ending with {@link TRUNCATION_MARKER},
 * which fits. The result is always valid JSON if `jsonText` is.
 */
export function fitJsonText(jsonText: string, maxBytes: number): string {
  if (fitsUtf8Bytes(jsonText, maxBytes)) return jsonText;
  return JSON.stringify(cutToJsonStringBytes(jsonText, maxBytes));
}
