import type { JsonValue } from "./json-value";
import type { ResolvedLimits } from "./limits";
import { ELLIPSIS, truncated, unreadableMarker } from "./markers";
import { truncateString } from "./truncate-string";

/** An object of the output. */
export type JsonObject = { [key: string]: JsonValue };

/**
 * Converts one value found under `key` (a property name, or an index) at
 * nesting `depth`. Returns `undefined` for a value an object should omit.
 */
export type WalkFn = (value: unknown, depth: number, key: string | number, skipToJSON?: boolean) => JsonValue | undefined;

// The state of the careful walk in progress. Walks run one at a time, but a
// getter or toJSON may start another inside one: `runWalk` saves and
// restores this state around each.

/** The bounds of the walk. */
export let limits: ResolvedLimits;
/** Objects being converted, outermost first: meeting one again is a cycle. */
export let ancestors: object[];
/**
 * A lower bound of the UTF-8 size of the JSON text produced so far (a byte
 * per member of a container, plus the strings): once it passes `maxBytes` the
 * output is certain to be cut anyway, so containers stop taking members
 * (bounding the work spent on huge or exponentially shared inputs).
 */
let lower: number;
/** Converts nested values (the walker, handed in so the helpers here need not import it). */
let walk: WalkFn;

/** Converts a top-level value with `walkFn` under `bounds`; top-level `undefined` becomes `null`. */
export function runWalk(walkFn: WalkFn, value: unknown, bounds: ResolvedLimits): JsonValue {
  // One by one: destructuring arrays is slower.
  const outerLimits = limits;
  const outerAncestors = ancestors;
  const outerLower = lower;
  limits = bounds;
  ancestors = [];
  lower = 0;
  walk = walkFn;
  try {
    return walkFn(value, 0, "") ?? null;
  } finally {
    limits = outerLimits;
    ancestors = outerAncestors;
    lower = outerLower;
  }
}

/** A string of the output: cut to `maxStringLength` and counted. */
export function str(text: string): string {
  text = truncateString(text, limits.maxStringLength);
  lower += text.length + 2;
  return text;
}

/**
 * Stores `value` under `key` (cut to `maxStringLength`, as every string).
 * A `"__proto__"` key becomes an own property, as `JSON.parse` would make it.
 */
export function setEntry(target: JsonObject, key: string, value: JsonValue): void {
  key = str(key);
  if (key === "__proto__") Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  else target[key] = value;
}

/**
 * Converts the members of a container: an object when `keys` are given
 * (member `i` goes under `keys[i]` and is left out when it converts to
 * `undefined`), else an array (`undefined` written as `null`). Member `i` is
 * `read(i)` (a read that throws gives `"[Unreadable: ...]"`) converted at
 * `depth` by `convert`. Keeps the first `maxEntries` of `total` members, plus
 * `free` leading ones that do not count toward that bound, and stops early
 * once over budget; members left out are counted in a final
 * `"…[truncated N items]"`, or an entry `"…": "[truncated N keys]"`.
 */
export function members(
  total: number,
  depth: number,
  read: (i: number) => unknown,
  keys?: readonly string[],
  free = 0,
  convert: WalkFn = walk,
): JsonValue {
  const out: JsonValue[] | JsonObject = keys ? {} : [];
  const kept = Math.min(total, limits.maxEntries + free);
  let i = 0;
  for (; i < kept && lower++ <= limits.maxBytes; i++) {
    const key = keys?.[i];
    let value: unknown;
    try {
      value = read(i);
    } catch (thrown) {
      value = unreadableMarker(thrown);
    }
    const json = convert(value, depth, key ?? i);
    if (key === undefined) (out as JsonValue[]).push(json ?? null);
    else if (json !== undefined) setEntry(out as JsonObject, key, json);
  }
  const dropped = total - i;
  if (dropped > 0) {
    if (keys) setEntry(out as JsonObject, ELLIPSIS, str(truncated(dropped, "keys")));
    else (out as JsonValue[]).push(str(ELLIPSIS + truncated(dropped, "items")));
  }
  return out;
}

/** {@link members} of an object: `source[key]` under each key. */
export function entries(source: object, keys: readonly string[], depth: number, free = 0): JsonValue {
  return members(keys.length, depth, (i) => (source as Record<string, unknown>)[keys[i] as string], keys, free);
}
