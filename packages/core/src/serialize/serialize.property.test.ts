import { describe, expect, it } from "vitest";
import type { SerializeLimits } from "./limits";
import { safeStringify } from "./safe-stringify";
import { toJsonSafe } from "./to-json-safe";
import { Generator, prng } from "../testing/random-values";

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const bytesOf = (text: string) => new TextEncoder().encode(text).length;

const limitSets: SerializeLimits[] = [
  { maxBytes: 2 },
  { maxBytes: 5 },
  { maxBytes: 16 },
  { maxBytes: 17 },
  { maxBytes: 64, maxStringLength: 10 },
  { maxBytes: 200, maxEntries: 3, maxDepth: 2 },
  { maxBytes: 1024 },
  { maxBytes: 4096, maxStringLength: 100, maxEntries: 20 },
  {},
];

function check(out: string, maxBytes: number | undefined): void {
  expect(() => JSON.parse(out)).not.toThrow();
  expect(bytesOf(out)).toBeLessThanOrEqual(maxBytes ?? 256 * 1024);
  expect(LONE_SURROGATE.test(out)).toBe(false);
}

describe("property: any value gives bounded, valid JSON", () => {
  it("holds for random hostile values (seeded)", () => {
    for (let seed = 1; seed <= 150; seed++) {
      const generator = new Generator(prng(seed), { stable: false });
      const value = generator.value(0, []);
      for (const limits of limitSets) {
        let out = "";
        expect(() => {
          out = safeStringify(value, limits);
        }, `seed ${seed}, limits ${JSON.stringify(limits)}`).not.toThrow();
        check(out, limits.maxBytes);
        let json: unknown;
        expect(() => {
          json = toJsonSafe(value, limits);
        }).not.toThrow();
        check(JSON.stringify(json), limits.maxBytes);
      }
    }
  });

  it("safeStringify equals JSON.stringify(toJsonSafe) for stable values (seeded)", () => {
    for (let seed = 1000; seed < 1100; seed++) {
      const value = new Generator(prng(seed), { stable: true }).value(0, []);
      for (const limits of limitSets) {
        expect(safeStringify(value, limits), `seed ${seed}`).toBe(JSON.stringify(toJsonSafe(value, limits)));
      }
    }
  });

  it("plain JSON round-trips exactly and equals JSON.stringify (seeded)", () => {
    const random = prng(42);
    const int = (max: number) => Math.floor(random() * max);
    const plain = (depth: number): unknown => {
      const kind = depth > 4 ? int(4) : int(6);
      switch (kind) {
        case 0:
          return random() < 0.5 ? int(1e6) - 5e5 : (random() - 0.5) * 1e10;
        case 1:
          return Array.from({ length: int(12) }, () => String.fromCharCode(int(0x3000))).join("");
        case 2:
          return [true, false, null][int(3)];
        case 3:
          return "text 😀 \ud800";
        case 4:
          return Array.from({ length: int(6) }, () => plain(depth + 1));
        default: {
          const object: Record<string, unknown> = {};
          for (let i = int(6); i > 0; i--) object[Array.from({ length: int(5) }, () => String.fromCharCode(32 + int(90))).join("")] = plain(depth + 1);
          return object;
        }
      }
    };
    for (let i = 0; i < 300; i++) {
      const value = plain(0);
      const out = safeStringify(value);
      expect(out).toBe(JSON.stringify(value));
      expect(JSON.parse(out)).toEqual(value);
      expect(toJsonSafe(value)).toEqual(value);
    }
  });
});
