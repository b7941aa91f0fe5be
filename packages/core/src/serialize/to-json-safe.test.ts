import { describe, expect, it } from "vitest";
import { TRUNCATION_MARKER } from "./markers";
import { safeStringify } from "./safe-stringify";
import { toJsonSafe } from "./to-json-safe";

describe("toJsonSafe", () => {
  it("returns a deep copy of plain data, not the input", () => {
    const input = { a: [1, { b: "c" }], d: null };
    const out = toJsonSafe(input);
    expect(out).toEqual(input);
    expect(out).not.toBe(input);
    expect((out as { a: unknown }).a).not.toBe(input.a);
    input.a.push(2);
    expect((out as { a: unknown[] }).a).toHaveLength(2);
  });

  it("turns -0 into 0 and top-level undefined into null", () => {
    expect(Object.is(toJsonSafe(-0), 0)).toBe(true);
    expect(toJsonSafe(undefined)).toBeNull();
  });

  it("applies the same rules as safeStringify", () => {
    const value = { n: 5n, f: Number.NaN, d: new Date(0), u: new URL("https://a.b/"), s: new Set(["x"]) };
    expect(toJsonSafe(value)).toEqual({ n: "5", f: "NaN", d: "1970-01-01T00:00:00.000Z", u: "https://a.b/", s: ["x"] });
  });

  it("returns the cut text as a string when the JSON would exceed maxBytes", () => {
    const value = { text: "é".repeat(100) };
    const out = toJsonSafe(value, { maxBytes: 50 });
    expect(typeof out).toBe("string");
    expect((out as string).endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(new TextEncoder().encode(JSON.stringify(out)).length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(out)).toBe(safeStringify(value, { maxBytes: 50 }));
  });

  it("returns structures whose JSON fits exactly", () => {
    const value = { text: "é".repeat(10) };
    const size = new TextEncoder().encode(JSON.stringify(value)).length;
    expect(toJsonSafe(value, { maxBytes: size })).toEqual(value);
  });

  it("produces values with no class instances, holes or undefined", () => {
    const out = toJsonSafe({ a: [undefined, new Date(0), new Map([["k", { z: undefined }]])] });
    expect(out).toEqual({ a: [null, "1970-01-01T00:00:00.000Z", { k: {} }] });
    expect(Object.getPrototypeOf((out as { a: unknown[] }).a[2])).toBe(Object.prototype);
  });
});
