import { describe, expect, it } from "vitest";
import { UTF8_SAMPLES } from "../testing/utf8-samples";
import { cutToJsonStringBytes, fitJsonText, fitsUtf8Bytes } from "./fit-to-bytes";
import { TRUNCATION_MARKER } from "./markers";

const bytesOf = (text: string) => new TextEncoder().encode(text).length;

describe("cutToJsonStringBytes", () => {
  const texts = [
    JSON.stringify({ a: "x".repeat(200), b: [1, 2, 3] }),
    JSON.stringify({ quotes: '"'.repeat(100), slashes: "\\".repeat(100) }),
    JSON.stringify({ text: "é😀€".repeat(100) }),
    "😀".repeat(100),
    "\u0001\n\t".repeat(50),
    "lone \ud800 and \udc00 ".repeat(20),
  ];

  it.each(texts)("fits the JSON literal into every budget and keeps a prefix (%#)", (text) => {
    for (let max = 16; max < 300; max++) {
      const cut = cutToJsonStringBytes(text, max);
      const literal = JSON.stringify(cut);
      expect(bytesOf(literal)).toBeLessThanOrEqual(max);
      expect(cut.endsWith(TRUNCATION_MARKER)).toBe(true);
      const kept = cut.slice(0, cut.length - TRUNCATION_MARKER.length);
      expect(text.startsWith(kept)).toBe(true);
      // A surrogate pair is never split: the kept text ends on a boundary.
      const last = kept.charCodeAt(kept.length - 1);
      const next = text.charCodeAt(kept.length);
      expect(last >= 0xd800 && last <= 0xdbff && next >= 0xdc00 && next <= 0xdfff).toBe(false);
    }
  });

  it("keeps as much as fits (the next char would not)", () => {
    const text = "abcdefghijklmnopqrstuvwxyz".repeat(10);
    for (let max = 16; max < 200; max++) {
      const cut = cutToJsonStringBytes(text, max);
      expect(bytesOf(JSON.stringify(cut))).toBe(max);
    }
  });

  it("counts the escapes of quotes and backslashes", () => {
    const cut = cutToJsonStringBytes('"'.repeat(100), 40);
    // 2 quotes + 14 bytes of marker leave 24 bytes: 12 escaped quotes.
    expect(cut).toBe('"'.repeat(12) + TRUNCATION_MARKER);
  });

  it("degrades to an ellipsis, then an empty string, below the marker size", () => {
    expect(cutToJsonStringBytes("long text".repeat(9), 15)).toBe("…");
    expect(cutToJsonStringBytes("long text".repeat(9), 5)).toBe("…");
    expect(cutToJsonStringBytes("long text".repeat(9), 4)).toBe("");
    expect(cutToJsonStringBytes("long text".repeat(9), 2)).toBe("");
  });
});

describe("fitJsonText", () => {
  it("returns texts that fit unchanged", () => {
    const text = JSON.stringify({ a: "é".repeat(10) });
    expect(fitJsonText(text, bytesOf(text))).toBe(text);
  });

  it("turns texts that do not fit into a string literal ending with the marker", () => {
    const text = JSON.stringify({ a: "é".repeat(10) });
    const out = fitJsonText(text, bytesOf(text) - 1);
    expect(bytesOf(out)).toBeLessThanOrEqual(bytesOf(text) - 1);
    const parsed: unknown = JSON.parse(out);
    expect(typeof parsed).toBe("string");
    expect((parsed as string).endsWith(TRUNCATION_MARKER)).toBe(true);
    expect(text.startsWith((parsed as string).slice(0, -TRUNCATION_MARKER.length))).toBe(true);
  });
});


describe("fitsUtf8Bytes", () => {
  it.each(UTF8_SAMPLES)("agrees with TextEncoder at every budget for %j", (text) => {
    const size = bytesOf(text);
    for (let max = 0; max <= size + 2; max++) {
      expect(fitsUtf8Bytes(text, max)).toBe(size <= max);
    }
  });

  it("decides on long texts at the exact boundary", () => {
    const text = "é".repeat(50_000); // 100 000 bytes, 50 000 units
    expect(fitsUtf8Bytes(text, 100_000)).toBe(true);
    expect(fitsUtf8Bytes(text, 99_999)).toBe(false);
    const emoji = "😀".repeat(20_000) + "x"; // 80 001 bytes
    expect(fitsUtf8Bytes(emoji, 80_001)).toBe(true);
    expect(fitsUtf8Bytes(emoji, 80_000)).toBe(false);
    expect(fitsUtf8Bytes(emoji, 79_999)).toBe(false);
  });

  it("decides beyond the scratch-buffer size", () => {
    const text = "€".repeat(400_001); // 1 200 003 bytes
    expect(fitsUtf8Bytes(text, 1_200_003)).toBe(true);
    expect(fitsUtf8Bytes(text, 1_200_002)).toBe(false);
  });

  it("treats Infinity as no limit", () => {
    expect(fitsUtf8Bytes("é".repeat(10), Infinity)).toBe(true);
  });
});
