import { describe, expect, it } from "vitest";
import { UTF8_SAMPLES } from "../testing/utf8-samples";
import { utf8ByteLength } from "./utf8";

const encoder = new TextEncoder();
const bytesOf = (text: string) => encoder.encode(text).length;


describe("utf8ByteLength", () => {
  it.each(UTF8_SAMPLES)("matches TextEncoder for %j", (text) => {
    expect(utf8ByteLength(text)).toBe(bytesOf(text));
  });
});
