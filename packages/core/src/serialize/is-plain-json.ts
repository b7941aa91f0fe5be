import type { ResolvedLimits } from "./limits";

const objectProto = Object.prototype;

// The state of the check in progress (module state rather than a closure, to
// allocate nothing; a getter may start another check inside one, so
// `isPlainJson` saves and restores it).
let bounds: ResolvedLimits;
/** Lower bound of the UTF-8 size of the JSON text of what was scanned so far. */
let bytes: number;

function scan(value: unknown, depth: number): boolean {
  if (typeof value === "string") {
    bytes += value.length + 2;
    return value.length <= bounds.maxStringLength;
  }
  if (typeof value === "number") {
    bytes++;
    return isFinite(value);
  }
  if (typeof value === "boolean" || value === null) {
    bytes += 4;
    return true;
  }
  // Not undefined (at the top), a bigint, symbol or function. Also the
  // guard against cycles: a cycle always goes too deep.
  if (typeof value !== "object" || depth >= bounds.maxDepth || bytes > bounds.maxBytes) return false;
  bytes += 2;
  if (Array.isArray(value)) {
    // An own or inherited toJSON (e.g. on a subclass) changes the output.
    if (typeof (value as { toJSON?: unknown }).toJSON === "function" || value.length > bounds.maxEntries) return false;
    for (let i = 0; i < value.length; i++) {
      const item: unknown = value[i];
      // An array writes an undefined item as null.
      if (item === undefined) bytes += 4;
      else if (!scan(item, depth + 1)) return false;
    }
    return true;
  }
  // Class instances (Date, Map, Error, Buffer...) need the careful walker.
  // An own toJSON would be a function value, which is rejected below.
  const proto: unknown = Object.getPrototypeOf(value);
  if (proto !== objectProto && proto !== null) return false;
  const keys = Object.keys(value);
  if (keys.length > bounds.maxEntries) return false;
  for (const key of keys) {
    const item: unknown = (value as Record<string, unknown>)[key];
    // An object leaves out an undefined value, with its key; a key is
    // checked (and counted) as a string.
    if (item !== undefined && !(scan(key, depth) && scan(item, depth + 1))) return false;
  }
  return true;
}

/**
 * True when native `JSON.stringify(value)` is exactly what the careful
 * walker would produce under `limits`: only plain objects (prototype
 * `Object.prototype` or `null`), arrays without toJSON, strings within
 * `maxStringLength`, finite numbers, booleans and null (`undefined` inside
 * arrays and objects is fine), nested less than `maxDepth`, with at most
 * `maxEntries` entries per container and a JSON text that cannot be proven
 * to exceed `maxBytes`. Getters are run and may run again later; a getter or
 * Proxy trap that throws makes the answer `false`. Never throws.
 *
 * Cycles need no bookkeeping: they always exceed `maxDepth`. The size bound
 * also stops the scan early on huge inputs, so its cost is bounded by
 * `maxBytes` (not by the input) when `maxBytes` is finite.
 */
export function isPlainJson(value: unknown, limits: ResolvedLimits): boolean {
  const outerBounds = bounds;
  const outerBytes = bytes;
  bounds = limits;
  bytes = 0;
  try {
    // JSON.stringify would call an inherited Object.prototype.toJSON.
    return (objectProto as { toJSON?: unknown }).toJSON === undefined && scan(value, 0) && bytes <= limits.maxBytes;
  } catch {
    return false;
  } finally {
    bounds = outerBounds;
    bytes = outerBytes;
  }
}
