import type { JsonValue } from "./json-value";
import type { SerializeLimits } from "./limits";
import { safeStringify } from "./safe-stringify";

/**
 * Converts any value to a JSON-safe plain value, by the same rules as
 * {@link safeStringify}, for callers that embed it in a larger document.
 * Never throws. The result is a fresh copy (never the input itself), so
 * later changes to the input do not show in it, and
 * `JSON.stringify(toJsonSafe(v, l))` equals `safeStringify(v, l)`: when
 * that text would exceed `maxBytes`, the result is the cut string (start of
 * the text plus {@link TRUNCATION_MARKER}) instead of a structure.
 */
export function toJsonSafe(value: unknown, limits?: SerializeLimits): JsonValue {
  // The parsed text of safeStringify: its plain data, equal by construction.
  return JSON.parse(safeStringify(value, limits)) as JsonValue;
}
