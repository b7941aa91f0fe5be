import { binarySummary } from "./binary-to-json";
import { mapToJson, setToJson } from "./collection-to-json";
import { errorToJson } from "./error-to-json";
import type { JsonValue } from "./json-value";
import type { ResolvedLimits } from "./limits";
import { CIRCULAR_MARKER, MAX_DEPTH_MARKER, unreadableMarker } from "./markers";
import { ancestors, entries, limits, members, runWalk, str } from "./walk-context";

const isArray = Array.isArray;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;


function functionLabel(fn: unknown): string {
  let name: unknown;
  try {
    name = (fn as { name?: unknown }).name;
  } catch {
    // A Proxy around a function may throw on any read.
  }
  return `[Function ${(typeof name === "string" && name) || "anonymous"}]`;
}

function walkObject(object: object, depth: number, key: string | number, skipToJSON?: boolean): JsonValue | undefined {
  const proto: unknown = Object.getPrototypeOf(object);
  const plainObject = proto === Object.prototype || proto === null;
  if (!plainObject && proto !== Array.prototype) {
    // Leaf-like built-ins: rendered whatever the depth.
    if (object instanceof Date) return str(isNaN(dateGetTime.call(object)) ? "Invalid Date" : dateToISOString.call(object));
    if (object instanceof RegExp || object instanceof URL) return str(String(object));
    // Binary data: a summary, whose keys do not count toward maxEntries and
    // whose preview is converted whatever the depth.
    const binary = binarySummary(object);
    if (binary) return entries(binary, Object.keys(binary), -Infinity, 3);
    // Boxed primitives (`new Number(1)`...), which JSON.stringify unwraps; read
    // with the built-in `valueOf`. One check each: a loop over the classes is slower.
    const unboxed =
      object instanceof Number
        ? Number.prototype.valueOf.call(object)
        : object instanceof String
          ? String.prototype.valueOf.call(object)
          : object instanceof Boolean
            ? Boolean.prototype.valueOf.call(object)
            : object instanceof BigInt
              ? BigInt.prototype.valueOf.call(object)
              : object instanceof Symbol
                ? Symbol.prototype.valueOf.call(object)
                : object;
    if (unboxed !== object) return walk(unboxed, depth, key);
  }
  if (!skipToJSON) {
    let toJSON: unknown;
    try {
      toJSON = (object as { toJSON?: unknown }).toJSON;
    } catch {
      // A Proxy whose `get` trap throws: its properties are read one by one below.
    }
    if (typeof toJSON === "function") {
      // The replacement keeps the depth and is converted even past maxDepth:
      // it is often a primitive (decimals, date-time libraries). It is not
      // asked for a toJSON again (as in JSON.stringify); `toJSON() { return
      // this }` gives the object itself, converted as if it had none.
      const replaced: unknown = toJSON.call(object, String(key));
      if (replaced !== object) return walk(replaced, depth, key, true);
    }
  }
  if (depth >= limits.maxDepth) return str(MAX_DEPTH_MARKER);
  depth++;
  if (isArray(object)) {
    // A Proxy of an array may report any length (NaN or negative: no items).
    return members(Math.min(Math.floor(object.length), 2 ** 32 - 1), depth, (i) => object[i]);
  }
  if (!plainObject) {
    if (object instanceof Map) return mapToJson(object, depth);
    if (object instanceof Set) return setToJson(object, depth);
    if (object instanceof Error) return errorToJson(object, depth);
  }
  return entries(object, Object.keys(object), depth);
}

/**
 * The careful converter behind the slow path of {@link safeStringify}:
 * converts `value` found under `key` at nesting `depth` to a JSON-safe value,
 * following every serialization rule, and returns `undefined` for a value an
 * object should omit (`undefined`). Never throws: a value whose reading
 * throws becomes `"[Unreadable: ...]"`. `skipToJSON` is set for the result of
 * a `toJSON()` call.
 */
export function walk(value: unknown, depth: number, key: string | number, skipToJSON?: boolean): JsonValue | undefined {
  switch (typeof value) {
    case "object":
      if (value) break;
    // null, as booleans and undefined, stays as is.
    // falls through
    case "boolean":
    case "undefined":
      return value as null | boolean | undefined;
    case "string":
      return str(value);
    case "number":
      // `-0` becomes 0, non-finite numbers "NaN", "Infinity", "-Infinity".
      return isFinite(value) ? value || 0 : str(String(value));
    case "function":
      return str(functionLabel(value));
    default:
      // BigInts become digit strings, symbols "[Symbol(desc)]".
      return str(typeof value === "symbol" ? `[${String(value)}]` : String(value));
  }
  if (ancestors.includes(value as object)) return str(CIRCULAR_MARKER);
  // `value` is an ancestor while what it holds, or what its toJSON returns, is
  // converted: `toJSON() { return { self: this } }` ends in "[Circular]".
  ancestors.push(value as object);
  try {
    return walkObject(value as object, depth, key, skipToJSON);
  } catch (thrown) {
    return str(unreadableMarker(thrown));
  } finally {
    ancestors.pop();
  }
}

/** Converts a top-level value (`undefined` becomes `null`) with a fresh walk state. */
export function walkRoot(value: unknown, limits: ResolvedLimits): JsonValue {
  return runWalk(walk, value, limits);
}
