import { describe, expect, it } from "vitest";
import { fitsUtf8Bytes, utf8ByteLength } from "./utf8";

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;

const samples = [
  "",
  "ascii only",
  "é ü ß",
  "€ ✓ 中文",
  "😀 two units",
  "lone high \ud800 end",
  "lone low \udc00 end",
  "\ud800",
  "\udbff\udbff\udfff",
  "reversed \udc00\ud800",
  "mix a\u0000\u007f\u0080\u07ff\u0800\uffff\ud83d\ude00",
];

describe("utf8ByteLength", () => {
  it.each(samples)("matches TextEncoder for %j", (text) => {
    expect(utf8ByteLength(text)).toBe(bytesOf(text));
  });
});

describe("fitsUtf8Bytes", () => {
  it.each(samples)("agrees with TextEncoder at every budget for %j", (text) => {
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

  it("counts in JS beyond the scratch-buffer size", () => {
    const text = "€".repeat(400_001); // 1 200 003 bytes
    expect(fitsUtf8Bytes(text, 1_200_003)).toBe(true);
    expect(fitsUtf8Bytes(text, 1_200_002)).toBe(false);
  });

  it("treats Infinity as no limit", () => {
    expect(fitsUtf8Bytes("é".repeat(10), Infinity)).toBe(true);
  });
});
