import { describe, expect, it } from "vitest";
import { utf8ByteLength } from "./utf8";

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
