import { describe, expect, it } from "vitest";
import { safeStringify } from "./safe-stringify";
import { toJsonSafe } from "./to-json-safe";

describe("Maps", () => {
  it("become plain objects when all keys are strings or numbers", () => {
    expect(toJsonSafe(new Map<unknown, unknown>([["a", 1], [2, "two"], [Number.NaN, null]]))).toEqual({ a: 1, "2": "two", NaN: null });
  });

  it("become [key, value] pairs when any key is something else", () => {
    const key = { id: 1 };
    expect(toJsonSafe(new Map<unknown, unknown>([["a", 1], [key, "obj"], [true, undefined]]))).toEqual([
      ["a", 1],
      [{ id: 1 }, "obj"],
      [true, null],
    ]);
  });

  it("become pairs when keys would collide as strings", () => {
    expect(toJsonSafe(new Map<unknown, unknown>([["1", "string"], [1, "number"]]))).toEqual([
      ["1", "string"],
      [1, "number"],
    ]);
  });

  it("omit undefined values in object form", () => {
    expect(toJsonSafe(new Map([["a", undefined], ["b", 1]]))).toEqual({ b: 1 });
  });

  it("keep at most maxEntries entries, in both forms", () => {
    const strings = new Map(Array.from({ length: 5 }, (_, i) => [`k${i}`, i]));
    expect(toJsonSafe(strings, { maxEntries: 2 })).toEqual({ k0: 0, k1: 1, "…": "[truncated 3 keys]" });
    const objects = new Map(Array.from({ length: 5 }, (_, i) => [{ i }, i]));
    expect(toJsonSafe(objects, { maxEntries: 2 })).toEqual([[{ i: 0 }, 0], [{ i: 1 }, 1], "…[truncated 3 items]"]);
    expect(toJsonSafe(strings, { maxEntries: 0 })).toEqual({ "…": "[truncated 5 keys]" });
  });

  it("mark cycles through keys and values", () => {
    const map = new Map<unknown, unknown>();
    map.set("self", map);
    expect(toJsonSafe(map)).toEqual({ self: "[Circular]" });
    const pairs = new Map<unknown, unknown>();
    pairs.set(pairs, 1);
    expect(toJsonSafe(pairs)).toEqual([["[Circular]", 1]]);
  });

  it("ignore an overridden entries method", () => {
    const map = new Map([["a", 1]]);
    Object.defineProperty(map, "entries", { value: () => [["evil", 666]][Symbol.iterator]() });
    expect(toJsonSafe(map)).toEqual({ a: 1 });
  });

  it("are unreadable when wrapped in a Proxy", () => {
    expect(toJsonSafe({ m: new Proxy(new Map(), {}) })).toEqual({ m: expect.stringMatching(/^\[Unreadable: /) });
  });
});

describe("Sets", () => {
  it("become arrays", () => {
    expect(safeStringify(new Set([1, "a", { b: undefined }, undefined]))).toBe('[1,"a",{},null]');
  });

  it("keep at most maxEntries values", () => {
    expect(toJsonSafe(new Set([1, 2, 3, 4]), { maxEntries: 3 })).toEqual([1, 2, 3, "…[truncated 1 items]"]);
  });

  it("mark cycles", () => {
    const set = new Set<unknown>();
    set.add(set);
    set.add({ set });
    expect(toJsonSafe(set)).toEqual(["[Circular]", { set: "[Circular]" }]);
  });

  it("count toward depth", () => {
    expect(toJsonSafe({ s: new Set([new Set([1])]) }, { maxDepth: 2 })).toEqual({ s: ["[Max depth]"] });
  });
});
