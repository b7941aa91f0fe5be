import type { JsonValue } from "./json-value";
import type { ResolvedLimits } from "./limits";
import { unreadableMarker } from "./markers";
import { thrownMessage } from "./thrown-message";
import { truncateString } from "./truncate-string";

/**
 * State of one careful walk. `lower` / `upper` bound the UTF-8 size of the
 * JSON text produced so far: `lower` lets the walk stop expanding once the
 * output is certain to be cut to `maxBytes` anyway (bounding the work spent
 * on huge or exponentially shared inputs), `upper` lets callers skip
 * measuring a result that cannot be too big.
 */
export interface WalkContext {
  readonly limits: ResolvedLimits;
  /** Objects being serialized, outermost first: meeting one again is a cycle. */
  readonly ancestors: object[];
  lower: number;
  upper: number;
}

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

/** A fresh context for one top-level call. */
export function createWalkContext(limits: ResolvedLimits): WalkContext {
  return { limits, ancestors: [], lower: 0, upper: 0 };
}

/** True once the output is certain to exceed `maxBytes`. */
export function overBudget(ctx: WalkContext): boolean {
  return ctx.lower > ctx.limits.maxBytes;
}

/** A string value of the output: cut to `maxStringLength` and counted. */
export function emitString(ctx: WalkContext, text: string): string {
  const out = truncateString(text, ctx.limits.maxStringLength);
  ctx.lower += out.length + 2;
  // A code unit takes at most 6 bytes once escaped (`\u001f`).
  ctx.upper += out.length * 6 + 2;
  return out;
}

/** A number value of the output: `-0` becomes 0, non-finite numbers become `"NaN"`, `"Infinity"`, `"-Infinity"`. */
export function emitNumber(ctx: WalkContext, value: number): number | string {
  if (!Number.isFinite(value)) return emitString(ctx, String(value));
  ctx.lower += 1;
  // The longest JS number text is 24 chars, e.g. -1.7976931348623157e+308.
  ctx.upper += 24;
  return value === 0 ? 0 : value;
}

/** Counts a `true` / `false` / `null` literal. */
export function emitLiteral<T extends boolean | null>(ctx: WalkContext, value: T): T {
  ctx.lower += 4;
  ctx.upper += 5;
  return value;
}

/** Counts the brackets of a new array or object. */
export function emitContainer(ctx: WalkContext): void {
  ctx.lower += 2;
  ctx.upper += 2;
}

/** Counts an array element's separator. */
export function emitElement(ctx: WalkContext): void {
  ctx.upper += 1;
}

/**
 * Stores `value` under `key` (cut to `maxStringLength`) and counts the key.
 * A `"__proto__"` key becomes an own property, as `JSON.parse` would make it.
 */
export function setEntry(ctx: WalkContext, target: { [key: string]: JsonValue }, key: string, value: JsonValue): void {
  const k = truncateString(key, ctx.limits.maxStringLength);
  ctx.lower += k.length + 3;
  ctx.upper += k.length * 6 + 4;
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
 * `"[Unreadable: ...]"`), converts it with `walk` at `depth` and stores it in
 * `target` unless it converts to `undefined`.
 */
export function readEntry(
  ctx: WalkContext,
  walk: WalkFn,
  target: { [key: string]: JsonValue },
  source: object,
  key: string,
  depth: number,
): void {
  let value: unknown;
  try {
    value = (source as Record<string, unknown>)[key];
  } catch (thrown) {
    setEntry(ctx, target, key, emitUnreadable(ctx, thrown));
    return;
  }
  const json = walk(value, depth, ctx, key);
  if (json !== undefined) setEntry(ctx, target, key, json);
}
