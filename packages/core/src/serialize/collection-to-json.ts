import type { JsonValue } from "./json-value";
import { truncatedItemsMarker } from "./markers";
import { type WalkContext, emitContainer, emitLiteral, emitString, overBudget, readEntries, readItems } from "./walk-context";

// The built-in iterators, so an overridden `entries` / `values` method on the
// instance cannot change what is read.
const mapEntries = Map.prototype.entries;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")?.get as (this: Map<unknown, unknown>) => number;
const setValues = Set.prototype.values;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")?.get as (this: Set<unknown>) => number;

/** The first `max` values an iterator yields. */
function take<T>(iterator: Iterator<T>, max: number): T[] {
  const out: T[] = [];
  for (let next; out.length < max && !(next = iterator.next()).done; ) out.push(next.value);
  return out;
}

/**
 * A Map whose kept keys are all strings or numbers (and stay distinct as
 * strings) becomes a plain object; any other Map becomes an array of
 * `[key, value]` pairs. At most `maxEntries` entries are kept, plus a
 * truncation entry (`"…": "[truncated N keys]"` or a final
 * `"…[truncated N items]"`). Values whose conversion is `undefined` are
 * omitted from the object form and `null` in the pair form.
 */
export function mapToJson(map: Map<unknown, unknown>, depth: number, ctx: WalkContext): JsonValue {
  const size = mapSize.call(map);
  const kept = take(mapEntries.call(map), ctx.limits.maxEntries);
  const childDepth = depth + 1;
  // The object form: names in Map order, values by name (no prototype, so any name is an own key).
  const names: string[] = [];
  const values: Record<string, unknown> = Object.create(null);
  for (const [key, value] of kept) {
    const name = typeof key === "string" ? key : typeof key === "number" ? String(key) : undefined;
    if (name === undefined || name in values) break;
    names.push(name);
    values[name] = value;
  }
  emitContainer(ctx);
  if (names.length === kept.length) return readEntries(ctx, {}, values, names, childDepth, size);
  const { walk } = ctx;
  const out: JsonValue[] = [];
  let i = 0;
  for (; i < kept.length && !overBudget(ctx); i++) {
    const [key, value] = kept[i] as [unknown, unknown];
    emitContainer(ctx);
    out.push([walk(key, childDepth, ctx, i) ?? emitLiteral(ctx, null), walk(value, childDepth, ctx, i) ?? emitLiteral(ctx, null)]);
  }
  if (i < size) out.push(emitString(ctx, truncatedItemsMarker(size - i)));
  return out;
}

/**
 * A Set becomes an array of its first `maxEntries` values (`undefined` as
 * `null`), plus a final `"…[truncated N items]"` when values were left out.
 */
export function setToJson(set: Set<unknown>, depth: number, ctx: WalkContext): JsonValue {
  const values = take(setValues.call(set), ctx.limits.maxEntries);
  return readItems(ctx, setSize.call(set), depth + 1, (i) => values[i]);
}
