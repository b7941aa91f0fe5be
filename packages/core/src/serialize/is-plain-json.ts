import type { ResolvedLimits } from "./limits";

const objectProto = Object.prototype;
const getProto = Object.getPrototypeOf;
const isArray = Array.isArray;

interface ScanState extends ResolvedLimits {
  /** Lower bound of the UTF-8 size of the JSON text of what was scanned so far. */
  bytes: number;
}

function scan(value: unknown, depth: number, st: ScanState): boolean {
  switch (typeof value) {
    case "string":
      if (value.length > st.maxStringLength) return false;
      st.bytes += value.length + 2;
      return true;
    case "number":
      st.bytes += 1;
      return Number.isFinite(value);
    case "boolean":
      st.bytes += 4;
      return true;
    case "object": {
      if (value === null) {
        st.bytes += 4;
        return true;
      }
      // Also the guard against cycles: a cycle always goes too deep.
      if (depth >= st.maxDepth || st.bytes > st.maxBytes) return false;
      st.bytes += 2;
      const childDepth = depth + 1;
      if (isArray(value)) {
        // An own or inherited toJSON (e.g. on a subclass) changes the output.
        if (typeof (value as { toJSON?: unknown }).toJSON === "function") return false;
        const length = value.length;
        if (length > st.maxEntries) return false;
        for (let i = 0; i < length; i++) {
          const item: unknown = value[i];
          if (item === undefined) st.bytes += 4;
          else if (!scan(item, childDepth, st) || st.bytes > st.maxBytes) return false;
        }
        return true;
      }
      // Class instances (Date, Map, Error, Buffer...) need the careful walker.
      // An own toJSON would be a function value, which is rejected below.
      const proto: unknown = getProto(value);
      if (proto !== objectProto && proto !== null) return false;
      const keys = Object.keys(value);
      const count = keys.length;
      if (count > st.maxEntries) return false;
      for (let i = 0; i < count; i++) {
        const key = keys[i] as string;
        if (key.length > st.maxStringLength) return false;
        const item: unknown = (value as Record<string, unknown>)[key];
        if (item === undefined) continue;
        if (!scan(item, childDepth, st)) return false;
        st.bytes += key.length + 3;
        if (st.bytes > st.maxBytes) return false;
      }
      return true;
    }
    default:
      // undefined (at the top), bigint, symbol, function.
      return false;
  }
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
  // JSON.stringify would call an inherited Object.prototype.toJSON.
  if ((objectProto as { toJSON?: unknown }).toJSON !== undefined) return false;
  // A literal, not a spread of the (frozen) limits: this runs for every recorded value.
  const st: ScanState = {
    maxBytes: limits.maxBytes,
    maxStringLength: limits.maxStringLength,
    maxDepth: limits.maxDepth,
    maxEntries: limits.maxEntries,
    bytes: 0,
  };
  try {
    return scan(value, 0, st) && st.bytes <= st.maxBytes;
  } catch {
    return false;
  }
}
