import { limits } from "./walk-context";

/** How many leading elements (or bytes) a binary summary shows at most. */
export const BINARY_PREVIEW_LENGTH = 64;

const objectToString = Object.prototype.toString;
const slice = Array.prototype.slice;

/**
 * Compact form of binary data, never an object of indices:
 * `{ type: "Uint8Array", length, preview }` for typed arrays (including
 * Node's Buffer, shown as its base type), `{ type: "ArrayBuffer" | "DataView",
 * byteLength, preview }` for buffers and views, where `preview` is an array of
 * the first {@link BINARY_PREVIEW_LENGTH} (at most `maxEntries`) elements or
 * bytes: numbers, or BigInts. Returns `undefined` when `value` is not binary data.
 */
export function binarySummary(value: object): { [key: string]: unknown } | undefined {
  const view = ArrayBuffer.isView(value) ? value : undefined;
  if (!view && !(value instanceof ArrayBuffer) && !(typeof SharedArrayBuffer === "function" && value instanceof SharedArrayBuffer)) return undefined;
  const typed = view && !(view instanceof DataView) ? (view as unknown as ArrayLike<number | bigint>) : undefined;
  const size = typed ? typed.length : (value as ArrayBufferLike).byteLength;
  const shown = Math.min(size, BINARY_PREVIEW_LENGTH, limits.maxEntries);
  return {
    // The built-in tag: Uint8Array (also for a Buffer), DataView, ArrayBuffer, SharedArrayBuffer.
    type: objectToString.call(value).slice(8, -1),
    [typed ? "length" : "byteLength"]: size,
    // The bytes of a buffer or DataView only when there are some: a detached buffer (size 0) cannot be viewed.
    preview: slice.call(typed ?? (shown ? new Uint8Array(view?.buffer ?? (value as ArrayBufferLike), view?.byteOffset, shown) : []), 0, shown),
  };
}
