import { describe, expect, it } from "vitest";
import { resolveLimits } from "./limits";
import { TRUNCATION_MARKER } from "./markers";
import { safeStringify } from "./safe-stringify";
import { toJsonSafe } from "./to-json-safe";
import { walkRoot } from "./walk";

const bytesOf = (text: string) => new TextEncoder().encode(text).length;

const plainSamples: unknown[] = [
  null,
  true,
  0,
  -12.5e-7,
  "",
  "plain",
  "quotes \" and \\ and \n\t\u0001 and \u2028",
  "unicode é 中文 😀",
  [],
  {},
  [1, "two", null, false, [3, [4, {}]]],
  { model: "gpt-4o", temperature: 0.2, messages: [{ role: "user", content: "hi" }], stream: false },
  { "": 1, "1": "numeric key", b: { "nested key": [1.5, -2, 1e21] } },
];

describe("safeStringify: plain JSON", () => {
  it.each(plainSamples)("equals JSON.stringify and round-trips: %j", (value) => {
    const out = safeStringify(value);
    expect(out).toBe(JSON.stringify(value));
    expect(JSON.parse(out)).toEqual(value);
  });

  it("matches the careful walker on plain data (fast and slow paths agree)", () => {
    for (const value of plainSamples) {
      expect(JSON.stringify(walkRoot(value, resolveLimits()))).toBe(safeStringify(value));
    }
  });

  it("takes the same output for plain data next to a value that forces the slow path", () => {
    const data = { a: [1, { b: "c" }], d: "é" };
    const slow = safeStringify({ data, when: new Date(0) });
    expect(slow).toBe(`{"data":${JSON.stringify(data)},"when":"1970-01-01T00:00:00.000Z"}`);
  });
});

describe("safeStringify: well-formed output", () => {
  it("escapes lone surrogates so the text is well-formed", () => {
    const out = safeStringify({ s: "a\ud800b\udc00c", k: ["\udbff"] });
    expect(out).toBe('{"s":"a\\ud800b\\udc00c","k":["\\udbff"]}');
    expect(out).not.toMatch(/[\ud800-\udfff]/);
    // Through the slow path too.
    const slow = safeStringify({ s: "\ud800", n: Number.NaN });
    expect(slow).toBe('{"s":"\\ud800","n":"NaN"}');
  });

  it("keeps surrogate pairs intact", () => {
    expect(JSON.parse(safeStringify({ e: "😀" }))).toEqual({ e: "😀" });
  });
});

describe("safeStringify: maxBytes", () => {
  it("returns the text itself when it fits exactly", () => {
    const value = { a: "é".repeat(20) };
    const text = JSON.stringify(value);
    expect(safeStringify(value, { maxBytes: bytesOf(text) })).toBe(text);
  });

  it("returns a JSON string literal with the start of the text and the marker when it does not fit", () => {
    const value = { messages: Array.from({ length: 50 }, (_, i) => ({ role: "user", content: `message ${i} é😀` })) };
    const full = JSON.stringify(value);
    for (const maxBytes of [16, 17, 50, 100, 333, 1000]) {
      const out = safeStringify(value, { maxBytes });
      expect(bytesOf(out)).toBeLessThanOrEqual(maxBytes);
      const parsed = JSON.parse(out) as unknown;
      expect(typeof parsed).toBe("string");
      const text = parsed as string;
      expect(text.endsWith(TRUNCATION_MARKER)).toBe(true);
      expect(full.startsWith(text.slice(0, -TRUNCATION_MARKER.length))).toBe(true);
    }
  });

  it("also cuts the slow path's output", () => {
    const value = { big: 10n ** 400n, when: new Date(0), text: "x".repeat(500) };
    const out = safeStringify(value, { maxBytes: 200 });
    expect(bytesOf(out)).toBeLessThanOrEqual(200);
    expect((JSON.parse(out) as string).startsWith('{"big":"1000')).toBe(true);
  });

  it("stays within tiny budgets", () => {
    const value = { a: "long".repeat(100) };
    expect(safeStringify(value, { maxBytes: 10 })).toBe('"…"');
    expect(safeStringify(value, { maxBytes: 4 })).toBe('""');
    expect(safeStringify(value, { maxBytes: 0 })).toBe('""');
    expect(safeStringify(1, { maxBytes: 0 })).toBe("1");
  });

  it("cuts huge inputs", () => {
    const huge = Array.from({ length: 1_000 }, () => "x".repeat(10_000));
    const out = safeStringify(huge, { maxBytes: 1024 });
    expect(bytesOf(out)).toBe(1024);
    expect(JSON.parse(out)).toMatch(/^\["xxx+…\[truncated\]$/);
  });

  it("stays within maxBytes when a getter changes its answer after the fast-path check", () => {
    let reads = 0;
    const sneaky = Object.defineProperty({}, "s", {
      enumerable: true,
      get() {
        reads++;
        return reads === 1 ? "small" : "x".repeat(10_000);
      },
    });
    const out = safeStringify(sneaky, { maxBytes: 100 });
    expect(bytesOf(out)).toBeLessThanOrEqual(100);
    expect(() => JSON.parse(out)).not.toThrow();
  });
});

describe("safeStringify: never throws", () => {
  it("handles hostile values", () => {
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    const hostile = [
      revocable.proxy,
      new Proxy(() => {}, {
        get() {
          throw new Error("fn trap");
        },
      }),
      Object.create(null),
      Object.create(Date.prototype),
      {
        toJSON() {
          throw Symbol("weird throw");
        },
      },
    ];
    for (const value of hostile) {
      expect(() => JSON.parse(safeStringify(value))).not.toThrow();
    }
    expect(safeStringify(revocable.proxy)).toMatch(/^"\[Unreadable: /);
    expect(safeStringify(hostile[1])).toBe('"[Function anonymous]"');
    expect(safeStringify(hostile[3])).toMatch(/^"\[Unreadable: /);
    expect(safeStringify(hostile[4])).toBe('"[Unreadable: Symbol(weird throw)]"');
  });

  it("survives nesting deeper than the call stack when maxDepth is off", () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200_000; i++) deep = [deep];
    const out = safeStringify(deep, { maxDepth: Infinity, maxBytes: 1000 });
    expect(() => JSON.parse(out)).not.toThrow();
    expect(bytesOf(out)).toBeLessThanOrEqual(1000);
  });

  it("ignores malformed limits", () => {
    expect(safeStringify({ a: 1 }, null as unknown as undefined)).toBe('{"a":1}');
    expect(safeStringify({ a: 1 }, { maxBytes: Number.NaN })).toBe('{"a":1}');
  });
});

describe("safeStringify and toJsonSafe agree", () => {
  it("gives JSON.stringify(toJsonSafe(x)) for assorted values", () => {
    const cyclic: Record<string, unknown> = { n: 1n };
    cyclic.self = cyclic;
    const values = [undefined, cyclic, new Map([[1, new Set([2])]]), new Error("e"), { s: "x".repeat(300) }, [Symbol("s"), () => 1]];
    for (const value of values) {
      for (const limits of [undefined, { maxBytes: 64 }, { maxStringLength: 10, maxEntries: 1, maxDepth: 1 }]) {
        expect(safeStringify(value, limits)).toBe(JSON.stringify(toJsonSafe(value, limits)));
      }
    }
  });
});
