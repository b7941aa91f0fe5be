import type { JsonValue } from "./json-value";
import { type WalkContext, emitContainer, emitNumber, emitString, readItems, setEntry } from "./walk-context";

/** How many leading elements (or bytes) a binary summary shows at most. */
export const BINARY_PREVIEW_LENGTH = 64;

type TypedArrayLike = ArrayLike<number | bigint> & { readonly [Symbol.toStringTag]?: unknown };

function isArrayBuffer(value: object): value is ArrayBuffer {
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
  let type: string;
  let sizeKey: "length" | "byteLength";
  let size: number;
  let read: (index: number) => number | bigint;
  if (ArrayBuffer.isView(value)) {
    if (value instanceof DataView) {
      const view = value;
      type = "DataView";
      sizeKey = "byteLength";
      size = view.byteLength;
      read = (i) => view.getUint8(i);
    } else {
      const array = value as unknown as TypedArrayLike;
      const tag = array[Symbol.toStringTag];
      type = typeof tag === "string" ? tag : "TypedArray";
      sizeKey = "length";
      size = array.length;
      read = (i) => array[i] as number | bigint;
    }
  } else if (isArrayBuffer(value)) {
    type = value instanceof ArrayBuffer ? "ArrayBuffer" : "SharedArrayBuffer";
    sizeKey = "byteLength";
    size = value.byteLength;
    const buffer = value;
    // Created on first read only: a detached buffer (size 0) cannot be viewed.
    let bytes: Uint8Array | undefined;
    read = (i) => (bytes ??= new Uint8Array(buffer, 0, Math.min(size, BINARY_PREVIEW_LENGTH)))[i] as number;
  } else {
    return undefined;
  }
  // Numbers and BigInts (as digit strings): converted alike at any depth.
  const preview = readItems(ctx, Math.min(size, BINARY_PREVIEW_LENGTH, ctx.limits.maxEntries), 0, read);
  const out: { [key: string]: JsonValue } = {};
  emitContainer(ctx);
  setEntry(ctx, out, "type", emitString(ctx, type));
  setEntry(ctx, out, sizeKey, emitNumber(ctx, size));
  setEntry(ctx, out, "preview", preview);
  return out;
}
