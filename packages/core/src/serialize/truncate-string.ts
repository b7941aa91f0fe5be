import { truncatedCharsMarker } from "./markers";
import { isSurrogatePair } from "./utf8";

/**
 * Returns `text` unchanged when it has at most `maxLength` UTF-16 code units,
 * else its first `maxLength` units followed by `"…[truncated N chars]"` (N =
 * units dropped). A surrogate pair is never split: if the cut would fall
 * inside one, one more unit is dropped.
 */
export function truncateString(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  let end = maxLength;
  if (end > 0 && isSurrogatePair(text.charCodeAt(end - 1), text.charCodeAt(end))) end--;
  return text.slice(0, end) + truncatedCharsMarker(text.length - end);
}
