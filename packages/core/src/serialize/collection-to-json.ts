import type { JsonValue } from "./json-value";
import { type WalkFn, limits, members } from "./walk-context";

/**
 * The size and the first `maxEntries` values of a Map or Set, read with the
 * built-in `size` getter and `iterate` method of `proto`, so that overrides
 * on the instance cannot change what is read.
 */
function take<T>(collection: object, proto: object, iterate: (this: object) => Iterator<T>): [size: number, values: T[]] {
  const size = Reflect.get(proto, "size", collection) as number;
  const iterator = iterate.call(collection);
  const values: T[] = [];
  for (let next; values.length < limits.maxEntries && !(next = iterator.next()).done; ) values.push(next.value);
  return [size, values];
}

/** A `[key, value]` pair of a Map: both converted at the pair's depth, `undefined` as `null`. */
const pairToJson: WalkFn = (pair, depth) => members(2, depth, (i) => (pair as unknown[])[i], undefined, 2);

/**
 * A Map whose kept keys are all strings or numbers (and stay distinct as
 * strings) becomes a plain object; any other Map becomes an array of
 * `[key, value]` pairs. At most `maxEntries` entries are kept, plus a
 * truncation entry (`"…": "[truncated N keys]"` or a final
 * `"…[truncated N items]"`). Values whose conversion is `undefined` are
 * omitted from the object form and `null` in the pair form. `depth` is the
 * depth of the entries.
 */
export function mapToJson(map: Map<unknown, unknown>, depth: number): JsonValue {
  const proto = Map.prototype;
  const [size, kept] = take(map, proto, proto.entries);
  const names = kept.map(([key]) => (typeof key === "number" ? String(key) : key));
  if (new Set(names).size === names.length && names.every((name) => typeof name === "string")) {
    return members(size, depth, (i) => (kept[i] as [unknown, unknown])[1], names as string[]);
  }
  return members(size, depth, (i) => kept[i], undefined, 0, pairToJson);
}

/**
 * A Set becomes an array of its first `maxEntries` values (`undefined` as
 * `null`), plus a final `"…[truncated N items]"` when values were left out.
 * `depth` is the depth of the values.
 */
export function setToJson(set: Set<unknown>, depth: number): JsonValue {
  const proto = Set.prototype;
  const [size, values] = take(set, proto, proto.values);
  return members(size, depth, (i) => values[i]);
}
