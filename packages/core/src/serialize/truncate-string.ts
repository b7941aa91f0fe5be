import { ELLIPSIS, truncated } from "./markers";
import { isSurrogatePair } from "./surrogates";

/**
 * Returns `text` unchanged when it has at most `maxLength` UTF-16 code units,
 * else its first `maxLength` units followed by `"…[truncated N chars]"` (N =
 * units dropped). A surrogate pair is never split: if the cut would fall
 * inside one, one more unit is dropped.
 */
export function truncateString(text: string, maxLength: number): string {
  if (text.length <= maxLength) return text;
  const end = isSurrogatePair(text.charCodeAt(maxLength - 1), text.charCodeAt(maxLength)) ? maxLength - 1 : maxLength;
  return text.slice(0, end) + ELLIPSIS + truncated(text.length - end, "chars");
}
