import { describe, expect, it } from "vitest";
import { truncateString } from "./truncate-string";

describe("truncateString", () => {
  it("returns short strings unchanged", () => {
    expect(truncateString("abc", 3)).toBe("abc");
    expect(truncateString("", 0)).toBe("");
  });

  it("cuts long strings and says how many chars were dropped", () => {
    expect(truncateString("abcdefghij", 3)).toBe("abc…[truncated 7 chars]");
    expect(truncateString("abc", 0)).toBe("…[truncated 3 chars]");
  });

  it("never splits a surrogate pair", () => {
    // "a😀b": the emoji is two code units at index 1 and 2.
    expect(truncateString("a😀b", 2)).toBe("a…[truncated 3 chars]");
    expect(truncateString("a😀b", 3)).toBe("a😀…[truncated 1 chars]");
  });

  it("cuts next to lone surrogates without trouble", () => {
    expect(truncateString("\ud800\ud800x", 1)).toBe("\ud800…[truncated 2 chars]");
    expect(truncateString("\udc00\udc00x", 1)).toBe("\udc00…[truncated 2 chars]");
  });
});
