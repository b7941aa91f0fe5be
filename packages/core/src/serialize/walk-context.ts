import type { JsonValue } from "./json-value";
import type { ResolvedLimits } from "./limits";
import { TRUNCATED_KEYS_KEY, truncatedItemsMarker, truncatedKeysMarker, unreadableMarker } from "./markers";
import { thrownMessage } from "./thrown-message";
import { truncateString } from "./truncate-string";

/**
 * Converts one value found under `key` (a property name, or an index) at
 * nesting `depth`. Returns `undefined` for a value an object should omit.
 */
export type WalkFn = (
  value: unknown,
  depth: number,
  ctx: WalkContext,
  key: string | number,
  skipToJSON?: boolean,
) => JsonValue | undefined;

/**
 * State of one careful walk. `lower` is a lower bound of the UTF-8 size of
 * the JSON text produced so far: once it passes `maxBytes` the output is
 * certain to be cut anyway, so the walk stops expanding (bounding the work
 * spent on huge or exponentially shared inputs).
 */
export interface WalkContext {
  readonly limits: ResolvedLimits;
  /** Converts nested values (the walker, handed in so the helpers here need not import it). */
  readonly walk: WalkFn;
  /** Objects being serialized, outermost first: meeting one again is a cycle. */
  readonly ancestors: object[];
  lower: number;
}

/** A fresh context for one top-level call. */
export function createWalkContext(limits: ResolvedLimits, walk: WalkFn): WalkContext {
  return { limits, walk, ancestors: [], lower: 0 };
}

/** True once the output is certain to exceed `maxBytes`. */
export function overBudget(ctx: WalkContext): boolean {
  return ctx.lower > ctx.limits.maxBytes;
}

/** A string value of the output: cut to `maxStringLength` and counted. */
export function emitString(ctx: WalkContext, text: string): string {
  const out = truncateString(text, ctx.limits.maxStringLength);
  ctx.lower += out.length + 2;
  return out;
}

/** A number value of the output: `-0` becomes 0, non-finite numbers become `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function emitNumber(ctx: WalkContext, value: number): number | string {
  if (!Number.isFinite(value)) return emitString(ctx, String(value));
  ctx.lower += 1;
  return value === 0 ? 0 : value;
}

/** Counts a `true` / `false` / `null` literal. */
export function emitLiteral<T extends boolean | null>(ctx: WalkContext, value: T): T {
  ctx.lower += 4;
  return value;
}

/** Counts the brackets of a new array or object. */
export function emitContainer(ctx: WalkContext): void {
  ctx.lower += 2;
}

/**
 * Stores `value` under `key` (cut to `maxStringLength`) and counts the key.
 * A `"__proto__"` key becomes an own property, as `JSON.parse` would make it.
 */
export function setEntry(ctx: WalkContext, target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  const k = truncateString(key, ctx.limits.maxStringLength);
  ctx.lower += k.length + 3;
  if (k === "__proto__") {
    Object.defineProperty(target, k, { value, enumerable: true, writable: true, configurable: true });
  } else {
    target[k] = value;
  }
}

/** The output string for a value whose reading threw `thrown`. */
export function emitUnreadable(ctx: WalkContext, thrown: unknown): string {
  return emitString(ctx, unreadableMarker(thrownMessage(thrown)));
}

/**
 * Reads `source[key]` (a throwing getter or Proxy trap yields
 * `"[Unreadable: ...]"`), converts it at `depth` and stores it in `target`
 * unless it converts to `undefined`.
 */
export function readEntry(ctx: WalkContext, target: { [key: string]: JsonValue }, source: object, key: string, depth: number): void {
  let value: unknown;
  try {
    value = (source as Record<string, unknown>)[key];
  } catch (thrown) {
    setEntry(ctx, target, key, emitUnreadable(ctx, thrown));
    return;
  }
  const json = ctx.walk(value, depth, ctx, key);
  if (json !== undefined) setEntry(ctx, target, key, json);
}

/**
 * Reads the first `maxEntries` of `keys` from `source` into `target` with
 * {@link readEntry}, the values at `depth`, stopping early once over budget;
 * adds the entry `"…": "[truncated N keys]"` when keys were left out.
 */
export function readEntries(ctx: WalkContext, target: { [key: string]: JsonValue }, source: object, keys: readonly string[], depth: number): { [key: string]: JsonValue } {
  const kept = Math.min(keys.length, ctx.limits.maxEntries);
  let i = 0;
  for (; i < kept && !overBudget(ctx); i++) readEntry(ctx, target, source, keys[i] as string, depth);
  endEntries(ctx, target, keys.length - i);
  return target;
}

/** Adds the entry `"…": "[truncated N keys]"` to an object that had `dropped` (> 0) keys left out. */
export function endEntries(ctx: WalkContext, target: { [key: string]: JsonValue }, dropped: number): void {
  if (dropped > 0) setEntry(ctx, target, TRUNCATED_KEYS_KEY, emitString(ctx, truncatedKeysMarker(dropped)));
}

/**
 * A JSON array of the first `maxEntries` of `total` items of `items` (a
 * read that throws yields `"[Unreadable: ...]"`), converted at `depth`,
 * `undefined` as `null`; stops early once over budget, and ends with
 * `"…[truncated N items]"` when items were left out.
 */
export function readItems(ctx: WalkContext, items: ArrayLike<unknown>, total: number, depth: number): JsonValue[] {
  const kept = Math.min(total, ctx.limits.maxEntries);
  const out: JsonValue[] = [];
  emitContainer(ctx);
  let i = 0;
  for (; i < kept && !overBudget(ctx); i++) {
    let item: unknown;
    try {
      item = items[i];
    } catch (thrown) {
      out.push(emitUnreadable(ctx, thrown));
      continue;
    }
    out.push(ctx.walk(item, depth, ctx, i) ?? emitLiteral(ctx, null));
  }
  if (i < total) out.push(emitString(ctx, truncatedItemsMarker(total - i)));
  return out;
}
