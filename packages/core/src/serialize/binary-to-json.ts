import type { JsonValue } from "./json-value";
import { type WalkContext, emitContainer, emitNumber, emitString, readItems, setEntry } from "./walk-context";

/** How many leading elements (or bytes) a binary summary shows at most. */
export const BINARY_PREVIEW_LENGTH = 64;

type TypedArrayLike = ArrayLike<number | bigint>;

const objectToString = Object.prototype.toString;

function isArrayBuffer(value: object): value is ArrayBufferLike {
  if (value instanceof ArrayBuffer) return true;
  return typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer;
}

/**
 * Compact form of binary data, never an object of indices:
 * `{ type: "Uint8Array", length, preview }` for typed arrays (including
 * Node's Buffer, shown as its base type), `{ type: "ArrayBuffer" | "DataView",
 * byteLength, preview }` for buffers and views, where `preview` holds the
 * first {@link BINARY_PREVIEW_LENGTH} (at most `maxEntries`) elements or
 * bytes. Returns `undefined` when `value` is not binary data.
 */
export function binaryToJson(value: object, ctx: WalkContext): JsonValue | undefined {
  const isView = ArrayBuffer.isView(value);
  const isTypedArray = isView && !(value instanceof DataView);
  if (!isView && !isArrayBuffer(value)) return undefined;
  // The built-in tag: Uint8Array (also for a Buffer), DataView, ArrayBuffer, SharedArrayBuffer.
  const type = (objectToString.call(value) as string).slice(8, -1);
  let size: number;
  let items: TypedArrayLike;
  if (isTypedArray) {
    items = value as unknown as TypedArrayLike;
    size = items.length;
  } else {
    const view = isView ? (value as ArrayBufferView) : undefined;
    size = (value as ArrayBufferView | ArrayBufferLike).byteLength;
    const buffer = view ? view.buffer : (value as ArrayBufferLike);
    // Only when there are bytes: a detached buffer (size 0) cannot be viewed.
    items = size === 0 ? [] : new Uint8Array(buffer, view ? view.byteOffset : 0, Math.min(size, BINARY_PREVIEW_LENGTH));
  }
  // Numbers and BigInts (as digit strings): converted alike at any depth.
  const preview = readItems(ctx, items, Math.min(size, BINARY_PREVIEW_LENGTH, ctx.limits.maxEntries), 0);
  const out: { [key: string]: JsonValue } = {};
  emitContainer(ctx);
  setEntry(ctx, out, "type", emitString(ctx, type));
  setEntry(ctx, out, isTypedArray ? "length" : "byteLength", emitNumber(ctx, size));
  setEntry(ctx, out, "preview", preview);
  return out;
}
