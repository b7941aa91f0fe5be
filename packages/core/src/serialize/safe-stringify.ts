import { fitJsonText } from "./fit-to-bytes";
import { isPlainJson } from "./is-plain-json";
import { type SerializeLimits, resolveLimits } from "./limits";
import { thrownMessage } from "./thrown-message";
import { walkRoot } from "./walk";

/**
 * Converts any value to JSON text for a span's inputs or outputs. Never
 * throws, and always returns valid, well-formed JSON of at most
 * `limits.maxBytes` UTF-8 bytes.
 *
 * Plain JSON data within the limits comes out exactly as
 * `JSON.stringify(value)` (no spaces), through a fast path that checks the
 * value in one pass and then uses the native serializer. Anything else goes
 * through a careful walker: cycles become `"[Circular]"`, BigInts digit
 * strings, functions `"[Function name]"`, symbols `"[Symbol(desc)]"`,
 * non-finite numbers `"NaN"` / `"Infinity"` / `"-Infinity"`, Errors
 * `{ name, message, stack?, cause?, ...own props }`, Dates ISO strings,
 * RegExps and URLs their text, Maps objects (or `[key, value]` pairs), Sets
 * arrays, binary data `{ type, length | byteLength, preview }`; `toJSON()` is
 * honoured; throwing getters and Proxy traps become `"[Unreadable: ...]"`.
 * Strings, containers and depth are cut at the limits with visible markers.
 * If the text still exceeds `maxBytes`, the result is a JSON string literal
 * holding the start of the text, ending with {@link TRUNCATION_MARKER}.
 *
 * `safeStringify(v, l)` always equals `JSON.stringify(toJsonSafe(v, l))`.
 * Getters may run twice (once by the fast-path check, once by the output).
 */
export function safeStringify(value: unknown, limits?: SerializeLimits): string {
  const resolved = resolveLimits(limits);
  let text: string | undefined;
  try {
    if (isPlainJson(value, resolved)) text = JSON.stringify(value);
  } catch {
    // A getter changed its answer between the check and the output: take the careful path.
  }
  try {
    // Also when the fast path gave no text: a getter polluted Object.prototype.toJSON.
    text ??= JSON.stringify(walkRoot(value, resolved));
  } catch (thrown) {
    // Only reachable through engine limits (stack or memory exhaustion).
    text = JSON.stringify(`[Unserializable: ${thrownMessage(thrown)}]`);
  }
  return fitJsonText(text, resolved.maxBytes);
}
