import { describe, expect, it } from "vitest";
import { DEFAULT_SERIALIZE_LIMITS, resolveLimits } from "./limits";

describe("resolveLimits", () => {
  it("uses the documented defaults", () => {
    expect(resolveLimits()).toEqual({ maxBytes: 262144, maxStringLength: 65536, maxDepth: 32, maxEntries: 2000 });
    expect(resolveLimits({})).toEqual(DEFAULT_SERIALIZE_LIMITS);
  });

  it("keeps given values and defaults the missing ones", () => {
    expect(resolveLimits({ maxBytes: 100, maxEntries: 3 })).toEqual({ ...DEFAULT_SERIALIZE_LIMITS, maxBytes: 100, maxEntries: 3 });
  });

  it("rounds down, clamps negatives, keeps Infinity, ignores NaN and non-numbers", () => {
    expect(resolveLimits({ maxBytes: 10.9, maxDepth: -5, maxStringLength: Infinity, maxEntries: Number.NaN })).toEqual({
      maxBytes: 10,
      maxDepth: 0,
      maxStringLength: Infinity,
      maxEntries: 2000,
    });
    expect(resolveLimits({ maxBytes: "5" as unknown as number }).maxBytes).toBe(262144);
  });

  it("never goes below 2 bytes, the size of an empty JSON string", () => {
    expect(resolveLimits({ maxBytes: 0 }).maxBytes).toBe(2);
    expect(resolveLimits({ maxBytes: -1 }).maxBytes).toBe(2);
  });

  it("survives limits objects that throw when read", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("no");
        },
      },
    );
    expect(resolveLimits(hostile)).toEqual(DEFAULT_SERIALIZE_LIMITS);
  });

  it("freezes the defaults", () => {
    expect(Object.isFrozen(DEFAULT_SERIALIZE_LIMITS)).toBe(true);
  });
});
