import { describe, expect, it } from "vitest";
import { BINARY_PREVIEW_LENGTH } from "./binary-to-json";
import { safeStringify } from "./safe-stringify";
import { toJsonSafe } from "./to-json-safe";

describe("binary data", () => {
  it("summarizes typed arrays with a preview", () => {
    expect(toJsonSafe(new Uint8Array([1, 2, 3]))).toEqual({ type: "Uint8Array", length: 3, preview: [1, 2, 3] });
    expect(toJsonSafe(new Float64Array([1.5, Number.NaN, -Infinity, -0]))).toEqual({
      type: "Float64Array",
      length: 4,
      preview: [1.5, "NaN", "-Infinity", 0],
    });
    expect(toJsonSafe(new BigInt64Array([1n, -2n]))).toEqual({ type: "BigInt64Array", length: 2, preview: ["1", "-2"] });
  });

  it("never expands a large buffer into an object of indices", () => {
    const big = new Uint8Array(1_000_000).fill(7);
    const text = safeStringify({ big });
    expect(text.length).toBeLessThan(400);
    const out = JSON.parse(text) as { big: { type: string; length: number; preview: number[] } };
    expect(out.big.type).toBe("Uint8Array");
    expect(out.big.length).toBe(1_000_000);
    expect(out.big.preview).toHaveLength(BINARY_PREVIEW_LENGTH);
  });

  it("summarizes ArrayBuffers, SharedArrayBuffers and DataViews by byte length", () => {
    const buffer = new Uint8Array([9, 8, 7, 6]).buffer;
    expect(toJsonSafe(buffer)).toEqual({ type: "ArrayBuffer", byteLength: 4, preview: [9, 8, 7, 6] });
    expect(toJsonSafe(new DataView(buffer, 1, 2))).toEqual({ type: "DataView", byteLength: 2, preview: [8, 7] });
    expect(toJsonSafe(new SharedArrayBuffer(2))).toEqual({ type: "SharedArrayBuffer", byteLength: 2, preview: [0, 0] });
  });

  it("shows a subclass (like Node's Buffer) as its base type and ignores its toJSON", () => {
    class MyBytes extends Uint8Array {
      toJSON() {
        return { data: Array.from(this) };
      }
    }
    expect(toJsonSafe(new MyBytes([1, 2]))).toEqual({ type: "Uint8Array", length: 2, preview: [1, 2] });
  });

  it("limits the preview to maxEntries", () => {
    expect(toJsonSafe(new Uint16Array([1, 2, 3]), { maxEntries: 2 })).toEqual({ type: "Uint16Array", length: 3, preview: [1, 2] });
  });

  it("copes with a detached buffer", () => {
    const buffer = new ArrayBuffer(8);
    structuredClone(buffer, { transfer: [buffer] });
    expect(toJsonSafe(buffer)).toEqual({ type: "ArrayBuffer", byteLength: 0, preview: [] });
  });
});
