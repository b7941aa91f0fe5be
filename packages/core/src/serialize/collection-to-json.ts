import type { JsonValue } from "./json-value";
import { truncatedItemsMarker } from "./markers";
import { type WalkContext, emitContainer, emitLiteral, emitString, endEntries, overBudget, readItems, setEntry } from "./walk-context";

// The built-in iterators, so an overridden `entries` / `values` method on the
// instance cannot change what is read.
const mapEntries = Map.prototype.entries;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")?.get as (this: Map<unknown, unknown>) => number;
const setValues = Set.prototype.values;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")?.get as (this: Set<unknown>) => number;

/** The first `max` values an iterator yields. */
function take<T>(iterator: Iterator<T>, max: number): T[] {
  const out: T[] = [];
  while (out.length < max) {
    const next = iterator.next();
    if (next.done) break;
    out.push(next.value);
  }
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
  const { walk } = ctx;
  // The object form, when every kept key has a distinct name.
  const names = new Set<string>();
  for (const [key] of kept) {
    const name = typeof key === "string" ? key : typeof key === "number" ? String(key) : undefined;
    if (name === undefined || names.has(name)) break;
    names.add(name);
  }
  emitContainer(ctx);
  let i = 0;
  if (names.size === kept.length) {
    const object: { [key: string]: JsonValue } = {};
    for (const name of names) {
      if (overBudget(ctx)) break;
      const json = walk((kept[i] as [unknown, unknown])[1], childDepth, ctx, name);
      if (json !== undefined) setEntry(ctx, object, name, json);
      i++;
    }
    endEntries(ctx, object, size - i);
    return object;
  }
  const out: JsonValue[] = [];
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
  return readItems(ctx, values, setSize.call(set), depth + 1);
}
