/**
 * Ends every piece of text that serialization had to cut, so a reader of the
 * trace can see that data is missing. Cut strings, arrays and objects use the
 * longer forms built by the helpers below (`"…[truncated 12 chars]"`); a whole
 * JSON text cut to `maxBytes` ends with exactly this marker.
 */
export const TRUNCATION_MARKER = "…[truncated]";

/** Stands for a reference back to an object that is still being serialized. */
export const CIRCULAR_MARKER = "[Circular]";

/** Stands for a container nested deeper than `maxDepth`. */
export const MAX_DEPTH_MARKER = "[Max depth]";

/** Key of the extra entry added to an object that had more than `maxEntries` keys. */
export const TRUNCATED_KEYS_KEY = "…";

/** Suffix appended to a string that was cut after `maxStringLength` chars. */
export function truncatedCharsMarker(dropped: number): string {
  return `…[truncated ${dropped} chars]`;
}

/** Final element appended to an array (or Set, or Map in pair form) that was cut. */
export function truncatedItemsMarker(dropped: number): string {
  return `…[truncated ${dropped} items]`;
}

/** Value of the {@link TRUNCATED_KEYS_KEY} entry of an object that was cut. */
export function truncatedKeysMarker(dropped: number): string {
  return `[truncated ${dropped} keys]`;
}

/** Stands for a value whose reading threw (throwing getter, Proxy trap, toJSON...). */
export function unreadableMarker(message: string): string {
  return `[Unreadable: ${message}]`;
}

/** Stands for a whole value that could not be serialized at all (last-resort fallback). */
export function unserializableMarker(message: string): string {
  return `[Unserializable: ${message}]`;
}
