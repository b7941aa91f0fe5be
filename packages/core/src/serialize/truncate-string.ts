import { truncatedCharsMarker } from "./markers";

/**
 * Returns `text` unchanged when it has at most `maxLength` UTF-16 code units,
 * else its first `maxLength` units followed by `"…[truncated N chars]"` (N =
 * units dropped). A surrogate pair is never split: if the cut would fall
 * inside one, one more unit is dropped.
 */
export function truncateString(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength;
  if (end > 0) {
    const last = text.charCodeAt(end - 1);
    const next = text.charCodeAt(end);
    if (last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff) end--;
  }
  return text.slice(0, end) + truncatedCharsMarker(text.length - end);
}
