import { cutToJsonStringBytes, fitString } from "./fit-to-bytes";
import type { JsonValue } from "./json-value";
import { type SerializeLimits, resolveLimits } from "./limits";
import { unserializableMarker } from "./markers";
import { thrownMessage } from "./thrown-message";
import { fitsUtf8Bytes } from "./utf8";
import { walkRoot } from "./walk";

/**
 * Converts any value to a JSON-safe plain value, by the same rules as
 * {@link safeStringify}, for callers that embed it in a larger document.
 * Never throws. The result is a fresh copy (never the input itself), so
 * later changes to the input do not show in it, and
 * `JSON.stringify(toJsonSafe(v, l))` equals `safeStringify(v, l)`: when
 * that text would exceed `maxBytes`, the result is the cut string (start of
 * the text plus {@link TRUNCATION_MARKER}) instead of a structure.
 * Strings may keep lone surrogates from the input; `JSON.stringify` escapes
 * them, so the JSON text is always well-formed.
 */
export function toJsonSafe(value: unknown, limits?: SerializeLimits): JsonValue {
  const resolved = resolveLimits(limits);
  const maxBytes = resolved.maxBytes;
  try {
    const json = walkRoot(value, resolved).json;
    const text = JSON.stringify(json);
    if (fitsUtf8Bytes(text, maxBytes)) return json;
    return cutToJsonStringBytes(text, maxBytes);
  } catch (thrown) {
    // Only reachable through engine limits (stack or memory exhaustion).
    return fitString(unserializableMarker(thrownMessage(thrown)), maxBytes);
  }
}
