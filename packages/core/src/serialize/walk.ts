import { binaryToJson } from "./binary-to-json";
import { mapToJson, setToJson } from "./collection-to-json";
import { errorToJson } from "./error-to-json";
import type { JsonValue } from "./json-value";
import type { ResolvedLimits } from "./limits";
import { CIRCULAR_MARKER, MAX_DEPTH_MARKER } from "./markers";
import {
  type WalkContext,
  createWalkContext,
  emitContainer,
  emitLiteral,
  emitNumber,
  emitString,
  emitUnreadable,
  readEntries,
  readItems,
} from "./walk-context";

const objectProto = Object.prototype;
const arrayProto = Array.prototype;
const getProto = Object.getPrototypeOf;
const dateGetTime = Date.prototype.getTime;
const dateToISOString = Date.prototype.toISOString;

function functionLabel(fn: unknown): string {
  let name: unknown;
  try {
    name = (fn as { name?: unknown }).name;
  } catch {
    // A Proxy around a function may throw on any read.
  }
  return `[Function ${typeof name === "string" && name !== "" ? name : "anonymous"}]`;
}

function symbolLabel(symbol: symbol): string {
  return `[${String(symbol)}]`;
}

function dateLabel(date: Date): string {
  return Number.isNaN(dateGetTime.call(date)) ? "Invalid Date" : dateToISOString.call(date);
}

/**
 * The primitive inside a boxed primitive (`new Number(1)`...), which
 * JSON.stringify unwraps, read with the built-in `valueOf`; `object` itself
 * if it is not one.
 */
function unbox(object: object): unknown {
  if (object instanceof Number) return Number.prototype.valueOf.call(object);
  if (object instanceof String) return String.prototype.valueOf.call(object);
  if (object instanceof Boolean) return Boolean.prototype.valueOf.call(object);
  if (object instanceof BigInt) return BigInt.prototype.valueOf.call(object);
  if (object instanceof Symbol) return Symbol.prototype.valueOf.call(object);
  return object;
}

function arrayToJson(array: readonly unknown[], depth: number, ctx: WalkContext): JsonValue {
  let length: unknown = array.length;
  // A Proxy of an array may report any length.
  if (typeof length !== "number" || !(length >= 0)) length = 0;
  return readItems(ctx, array, Math.min(Math.floor(length as number), 0xffffffff), depth + 1);
}

function objectToJson(object: object, depth: number, ctx: WalkContext): JsonValue {
  emitContainer(ctx);
  return readEntries(ctx, {}, object, Object.keys(object), depth + 1);
}

const NO_TO_JSON: unique symbol = Symbol("no toJSON");

/**
 * Calls `object.toJSON(key)` if it is a function (a throwing call throws).
 * Returns `NO_TO_JSON` when there is none, when reading it throws (a Proxy
 * whose `get` trap throws: its properties are then read one by one), or when
 * it returns `object` itself (`toJSON() { return this }`).
 */
function callToJSON(object: object, key: string | number): unknown {
  let toJSON: unknown;
  try {
    toJSON = (object as { toJSON?: unknown }).toJSON;
  } catch {
    return NO_TO_JSON;
  }
  if (typeof toJSON !== "function") return NO_TO_JSON;
  const result: unknown = toJSON.call(object, typeof key === "number" ? String(key) : key);
  return result === object ? NO_TO_JSON : result;
}

function walkObject(object: object, depth: number, ctx: WalkContext, key: string | number, skipToJSON: boolean): JsonValue | undefined {
  const ancestors = ctx.ancestors;
  if (ancestors.includes(object)) return emitString(ctx, CIRCULAR_MARKER);
  const proto: unknown = getProto(object);
  const plainObject = proto === objectProto || proto === null;
  if (!plainObject && !(proto === arrayProto && Array.isArray(object))) {
    // Leaf-like built-ins: rendered whatever the depth.
    if (object instanceof Date) return emitString(ctx, dateLabel(object));
    if (object instanceof RegExp) return emitString(ctx, String(object));
    if (typeof URL === "function" && object instanceof URL) return emitString(ctx, object.href);
    const binary = binaryToJson(object, ctx);
    if (binary !== undefined) return binary;
    const unboxed = unbox(object);
    if (unboxed !== object) return walk(unboxed, depth, ctx, key);
  }
  if (!skipToJSON) {
    // `object` is an ancestor while its replacement is converted, so
    // `toJSON() { return { self: this } }` ends in "[Circular]". The
    // replacement keeps the depth and is converted even past maxDepth: it is
    // often a primitive (decimals, date-time libraries).
    ancestors.push(object);
    try {
      const replaced = callToJSON(object, key);
      if (replaced !== NO_TO_JSON) return walk(replaced, depth, ctx, key, true);
    } finally {
      ancestors.pop();
    }
  }
  if (depth >= ctx.limits.maxDepth) return emitString(ctx, MAX_DEPTH_MARKER);
  ancestors.push(object);
  try {
    if (plainObject) return objectToJson(object, depth, ctx);
    if (Array.isArray(object)) return arrayToJson(object, depth, ctx);
    if (object instanceof Map) return mapToJson(object, depth, ctx);
    if (object instanceof Set) return setToJson(object, depth, ctx);
    if (object instanceof Error) return errorToJson(object, depth, ctx);
    return objectToJson(object, depth, ctx);
  } finally {
    ancestors.pop();
  }
}

/**
 * The careful converter behind {@link toJsonSafe} and the slow path of
 * {@link safeStringify}: converts `value` found under `key` at nesting
 * `depth` to a JSON-safe value, following every serialization rule, and
 * returns `undefined` for a value an object should omit (`undefined`).
 * Never throws: a value whose reading throws becomes `"[Unreadable: ...]"`.
 * `skipToJSON` is set for the result of a `toJSON()` call, which is not
 * asked again (as in JSON.stringify).
 */
export function walk(
  value: unknown,
  depth: number,
  ctx: WalkContext,
  key: string | number,
  skipToJSON = false,
): JsonValue | undefined {
  switch (typeof value) {
    case "string":
      return emitString(ctx, value);
    case "number":
      return emitNumber(ctx, value);
    case "boolean":
      return emitLiteral(ctx, value);
    case "undefined":
      return undefined;
    case "bigint":
      return emitString(ctx, value.toString());
    case "symbol":
      return emitString(ctx, symbolLabel(value));
    case "function":
      return emitString(ctx, functionLabel(value));
    default:
      if (value === null) return emitLiteral(ctx, null);
      try {
        return walkObject(value as object, depth, ctx, key, skipToJSON);
      } catch (thrown) {
        return emitUnreadable(ctx, thrown);
      }
  }
}

/**
 * Converts a top-level value with a fresh {@link WalkContext}; top-level
 * `undefined` becomes `null`. Returns the context too, for its size bounds.
 */
export function walkRoot(value: unknown, limits: ResolvedLimits): { json: JsonValue; ctx: WalkContext } {
  const ctx = createWalkContext(limits, walk);
  const json = walk(value, 0, ctx, "");
  return { json: json === undefined ? emitLiteral(ctx, null) : json, ctx };
}
