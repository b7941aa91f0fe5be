import { thrownMessage } from "./thrown-message";

/** Leads every truncation marker; also the key of the extra entry of an object that was cut. */
export const ELLIPSIS = "…";

/**
 * Ends every piece of text that serialization had to cut, so a reader of the
 * trace can see that data is missing. Cut strings, arrays and objects use the
 * longer forms built by {@link truncated} (`"…[truncated 12 chars]"`); a whole
 * JSON text cut to `maxBytes` ends with exactly this marker.
 */
export const TRUNCATION_MARKER = "…[truncated]";

/** Stands for a reference back to an object that is still being serialized. */
export const CIRCULAR_MARKER = "[Circular]";

/** Stands for a container nested deeper than `maxDepth`. */
export const MAX_DEPTH_MARKER = "[Max depth]";

/**
 * `"[truncated 3 keys]"`: says how many chars, items (of an array, Set or Map
 * in pair form) or keys (of an object) were left out. Cut strings and arrays
 * put {@link ELLIPSIS} in front; a cut object holds it as the value of an
 * extra `"…"` entry.
 */
export function truncated(dropped: number, unit: "chars" | "items" | "keys"): string {
  return `[truncated ${dropped} ${unit}]`;
}

/** Stands for a value whose reading threw `thrown` (throwing getter, Proxy trap, toJSON...). */
export function unreadableMarker(thrown: unknown): string {
  return `[Unreadable: ${thrownMessage(thrown)}]`;
}
