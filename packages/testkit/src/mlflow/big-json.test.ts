import { describe, expect, it } from "vitest";
import { parseJsonWithBigInts, stringifyJsonWithBigInts, toBigInt } from "./big-json";

describe("parseJsonWithBigInts", () => {
  it("keeps nanosecond integers beyond 2^53 exact as bigint", () => {
    const text = '{"start_time_unix_nano": 1749996461282772491, "end": -9007199254740993, "n": 42}';
    expect(JSON.parse(text).start_time_unix_nano).toBe(1749996461282772500); // what plain JSON.parse does
    expect(parseJsonWithBigInts(text)).toEqual({
      start_time_unix_nano: 1749996461282772491n,
      end: -9007199254740993n,
      n: 42,
    });
  });

  it("leaves safe integers, floats, exponents and strings alone", () => {
    const text = '[9007199254740991, 1.5, 1e21, 12345678901234567890.5, "1749996461282772491", "a\\"1749996461282772491", true, null]';
    expect(parseJsonWithBigInts(text)).toEqual([
      9007199254740991,
      1.5,
      1e21,
      12345678901234567890.5,
      "1749996461282772491",
      'a"1749996461282772491',
      true,
      null,
    ]);
  });

  it("round-trips with stringifyJsonWithBigInts", () => {
    const value = { spans: [{ t: 1749996461282772491n, s: "x", small: 3 }] };
    const text = stringifyJsonWithBigInts(value);
    expect(text).toBe('{"spans":[{"t":1749996461282772491,"s":"x","small":3}]}');
    expect(parseJsonWithBigInts(text)).toEqual(value);
  });

  it("throws on invalid JSON like JSON.parse", () => {
    expect(() => parseJsonWithBigInts("{nope 12345678901234567890")).toThrow(SyntaxError);
  });
});

describe("toBigInt", () => {
  it("accepts numbers, bigints and decimal strings", () => {
    expect(toBigInt(5)).toBe(5n);
    expect(toBigInt(7n)).toBe(7n);
    expect(toBigInt("1749996461282772491")).toBe(1749996461282772491n);
    expect(() => toBigInt(1.5)).toThrow(TypeError);
  });
});
