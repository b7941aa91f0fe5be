import type { JsonValue } from "./json-value";
import { TRUNCATED_KEYS_KEY, truncatedItemsMarker, truncatedKeysMarker } from "./markers";
import {
  type WalkContext,
  type WalkFn,
  emitContainer,
  emitElement,
  emitLiteral,
  emitString,
  overBudget,
  setEntry,
} from "./walk-context";

// The built-in iterators, so an overridden `entries` / `values` method on the
// instance cannot change what is read.
const mapEntries = Map.prototype.entries;
const mapSize = Object.getOwnPropertyDescriptor(Map.prototype, "size")?.get as (this: Map<unknown, unknown>) => number;
const setValues = Set.prototype.values;
const setSize = Object.getOwnPropertyDescriptor(Set.prototype, "size")?.get as (this: Set<unknown>) => number;

function mapKeyName(key: unknown): string | undefined {
  if (typeof key === "string") return key;
  if (typeof key === "number") return String(key);
  return undefined;
}

/**
 * A Map whose kept keys are all strings or numbers (and stay distinct as
 * strings) becomes a plain object; any other Map becomes an array of
 * `[key, value]` pairs. At most `maxEntries` entries are kept, plus a
 * truncation entry (`"…": "[truncated N keys]"` or a final
 * `"…[truncated N items]"`). Values whose conversion is `undefined` are
 * omitted from the object form and `null` in the pair form.
 */
export function mapToJson(map: Map<unknown, unknown>, depth: number, ctx: WalkContext, walk: WalkFn): JsonValue {
  const size = mapSize.call(map);
  const kept: Array<[unknown, unknown]> = [];
  if (ctx.limits.maxEntries > 0) {
    for (const entry of mapEntries.call(map)) {
      kept.push(entry);
      if (kept.length >= ctx.limits.maxEntries) break;
    }
  }
  let names: string[] | undefined = [];
  const seen = new Set<string>();
  for (const [key] of kept) {
    const name = mapKeyName(key);
    if (name === undefined || seen.has(name)) {
      names = undefined;
      break;
    }
    seen.add(name);
    names.push(name);
  }
  const childDepth = depth + 1;
  emitContainer(ctx);
  let i = 0;
  if (names !== undefined) {
    const out: { [key: string]: JsonValue } = {};
    for (; i < kept.length; i++) {
      if (overBudget(ctx)) break;
      const name = names[i] as string;
      const json = walk((kept[i] as [unknown, unknown])[1], childDepth, ctx, name);
      if (json !== undefined) setEntry(ctx, out, name, json);
    }
    if (i < size) setEntry(ctx, out, TRUNCATED_KEYS_KEY, emitString(ctx, truncatedKeysMarker(size - i)));
    return out;
  }
  const out: JsonValue[] = [];
  for (; i < kept.length; i++) {
    if (overBudget(ctx)) break;
    const [key, value] = kept[i] as [unknown, unknown];
    emitContainer(ctx);
    const keyJson = walk(key, childDepth, ctx, i) ?? emitLiteral(ctx, null);
    const valueJson = walk(value, childDepth, ctx, i) ?? emitLiteral(ctx, null);
    out.push([keyJson, valueJson]);
    emitElement(ctx);
  }
  if (i < size) out.push(emitString(ctx, truncatedItemsMarker(size - i)));
  return out;
}

/**
 * A Set becomes an array of its first `maxEntries` values (`undefined` as
 * `null`), plus a final `"…[truncated N items]"` when values were left out.
 */
export function setToJson(set: Set<unknown>, depth: number, ctx: WalkContext, walk: WalkFn): JsonValue {
  const size = setSize.call(set);
  const out: JsonValue[] = [];
  const childDepth = depth + 1;
  emitContainer(ctx);
  let i = 0;
  if (ctx.limits.maxEntries > 0) {
    for (const value of setValues.call(set)) {
      if (overBudget(ctx)) break;
      out.push(walk(value, childDepth, ctx, i) ?? emitLiteral(ctx, null));
      emitElement(ctx);
      if (++i >= ctx.limits.maxEntries) break;
    }
  }
  if (i < size) out.push(emitString(ctx, truncatedItemsMarker(size - i)));
  return out;
}
