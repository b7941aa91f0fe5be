import { describe, expect, it } from "vitest";
import { isPlainJson } from "./is-plain-json";
import { DEFAULT_SERIALIZE_LIMITS, type SerializeLimits, resolveLimits } from "./limits";

const plain = (value: unknown, limits?: SerializeLimits) => isPlainJson(value, limits ? resolveLimits(limits) : DEFAULT_SERIALIZE_LIMITS);

describe("isPlainJson", () => {
  it("accepts plain JSON data", () => {
    expect(plain(null)).toBe(true);
    expect(plain("s")).toBe(true);
    expect(plain(1.5)).toBe(true);
    expect(plain(-0)).toBe(true);
    expect(plain(false)).toBe(true);
    expect(plain({ a: [1, "x", { b: null, c: [] }], d: {} })).toBe(true);
    expect(plain(Object.assign(Object.create(null), { a: 1 }))).toBe(true);
    expect(plain({ a: undefined, b: [undefined] })).toBe(true);
    expect(plain({ s: "lone \ud800 surrogate" })).toBe(true);
  });

  it("rejects what JSON.stringify would render differently from the rules", () => {
    expect(plain(undefined)).toBe(false);
    expect(plain(Number.NaN)).toBe(false);
    expect(plain([Infinity])).toBe(false);
    expect(plain({ a: 1n })).toBe(false);
    expect(plain({ a: Symbol("s") })).toBe(false);
    expect(plain({ a: () => 1 })).toBe(false);
    expect(plain([() => 1])).toBe(false);
    expect(plain({ d: new Date(0) })).toBe(false);
    expect(plain({ m: new Map() })).toBe(false);
    expect(plain({ s: new Set() })).toBe(false);
    expect(plain({ e: new Error("x") })).toBe(false);
    expect(plain({ b: new Uint8Array(2) })).toBe(false);
    expect(plain({ r: /x/ })).toBe(false);
    expect(plain(new (class Point {})())).toBe(false);
    expect(plain({ toJSON: () => 1 })).toBe(false);
    const withToJSON = Object.assign([1], { toJSON: () => "x" });
    expect(plain(withToJSON)).toBe(false);
  });

  it("rejects cycles (they always exceed maxDepth)", () => {
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    expect(plain(a)).toBe(false);
    const arr: unknown[] = [];
    arr.push(arr);
    expect(plain(arr)).toBe(false);
  });

  it("accepts repeated, non-circular references", () => {
    const shared = { k: 1 };
    expect(plain({ a: shared, b: shared, c: [shared, shared] })).toBe(true);
  });

  it("rejects values beyond the limits", () => {
    expect(plain("abcd", { maxStringLength: 3 })).toBe(false);
    expect(plain({ abcd: 1 }, { maxStringLength: 3 })).toBe(false);
    expect(plain([1, 2, 3], { maxEntries: 2 })).toBe(false);
    expect(plain({ a: 1, b: 2, c: 3 }, { maxEntries: 2 })).toBe(false);
    expect(plain({ a: { b: 1 } }, { maxDepth: 2 })).toBe(true);
    expect(plain({ a: { b: {} } }, { maxDepth: 2 })).toBe(false);
    expect(plain("x".repeat(100), { maxBytes: 50 })).toBe(false);
    expect(plain(new Array(100).fill(1), { maxBytes: 50 })).toBe(false);
  });

  it("answers false instead of throwing for throwing getters and Proxy traps", () => {
    const getter = Object.defineProperty({}, "g", {
      enumerable: true,
      get() {
        throw new Error("boom");
      },
    });
    expect(plain(getter)).toBe(false);
    const proxy = new Proxy(
      {},
      {
        ownKeys() {
          throw new Error("trap");
        },
      },
    );
    expect(plain(proxy)).toBe(false);
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(plain(revocable.proxy)).toBe(false);
  });

  it("steps aside when Object.prototype.toJSON has been polluted", () => {
    const proto = Object.prototype as { toJSON?: unknown };
    proto.toJSON = () => "polluted";
    try {
      expect(plain({ a: 1 })).toBe(false);
    } finally {
      delete proto.toJSON;
    }
    expect(plain({ a: 1 })).toBe(true);
  });
});
