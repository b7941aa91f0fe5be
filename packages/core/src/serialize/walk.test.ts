import { describe, expect, it } from "vitest";
import { resolveLimits, type SerializeLimits } from "./limits";
import { walkRoot } from "./walk";

/** The careful walker alone (no fast path), as JSON text. */
const careful = (value: unknown, limits?: SerializeLimits) => JSON.stringify(walkRoot(value, resolveLimits(limits)));

const throwingGetter = (message: string) =>
  Object.defineProperty({ ok: 1 }, "bad", {
    enumerable: true,
    get() {
      throw new Error(message);
    },
  });

describe("walk: primitives", () => {
  it("renders JSON primitives like JSON.stringify", () => {
    expect(careful(null)).toBe("null");
    expect(careful(true)).toBe("true");
    expect(careful(1.25)).toBe("1.25");
    expect(careful("a\"b\\c\n")).toBe(JSON.stringify("a\"b\\c\n"));
  });

  it("turns top-level undefined into null", () => {
    expect(careful(undefined)).toBe("null");
  });

  it("turns BigInts into digit strings", () => {
    expect(careful(123n)).toBe('"123"');
    expect(careful({ n: -9007199254740993n })).toBe('{"n":"-9007199254740993"}');
  });

  it("names functions", () => {
    function namedFn() {}
    expect(careful(namedFn)).toBe('"[Function namedFn]"');
    expect(careful({ f: () => 1 })).toBe('{"f":"[Function f]"}');
    expect(careful([function () {}])).toBe('["[Function anonymous]"]');
    expect(careful(class Klass {})).toBe('"[Function Klass]"');
  });

  it("describes symbols", () => {
    expect(careful(Symbol("desc"))).toBe('"[Symbol(desc)]"');
    expect(careful(Symbol())).toBe('"[Symbol()]"');
  });

  it("turns non-finite numbers into strings and -0 into 0", () => {
    expect(careful([Number.NaN, Infinity, -Infinity, -0])).toBe('["NaN","Infinity","-Infinity",0]');
    expect(Object.is(walkRoot(-0, resolveLimits()), 0)).toBe(true);
  });

  it("omits undefined in objects and writes null in arrays", () => {
    expect(careful({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(careful([undefined, 1])).toBe("[null,1]");
    // eslint-disable-next-line no-sparse-arrays
    expect(careful([1, , 3])).toBe("[1,null,3]");
  });

  it("unboxes boxed primitives", () => {
    expect(careful([new Number(3), new String("s"), new Boolean(false), Object(5n)])).toBe('[3,"s",false,"5"]');
  });
});

describe("walk: cycles and shared references", () => {
  it("marks references to an ancestor as [Circular]", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    a.child = { parent: a, list: [a] };
    expect(careful(a)).toBe('{"name":"a","self":"[Circular]","child":{"parent":"[Circular]","list":["[Circular]"]}}');
  });

  it("marks cyclic arrays", () => {
    const arr: unknown[] = [1];
    arr.push(arr);
    expect(careful(arr)).toBe('[1,"[Circular]"]');
  });

  it("serializes repeated, non-circular references each time", () => {
    const shared = { k: 1 };
    expect(careful({ a: shared, b: shared, c: [shared] })).toBe('{"a":{"k":1},"b":{"k":1},"c":[{"k":1}]}');
  });
});

describe("walk: limits", () => {
  it("cuts long strings with the count of dropped chars", () => {
    expect(careful({ s: "abcdefghij" }, { maxStringLength: 3 })).toBe('{"s":"abc…[truncated 7 chars]"}');
  });

  it("cuts long keys too", () => {
    expect(careful({ abcdefghij: 1 }, { maxStringLength: 3 })).toBe('{"abc…[truncated 7 chars]":1}');
  });

  it("replaces containers deeper than maxDepth", () => {
    expect(careful({ a: { b: { c: 1 } } }, { maxDepth: 2 })).toBe('{"a":{"b":"[Max depth]"}}');
    expect(careful([[[1]]], { maxDepth: 1 })).toBe('["[Max depth]"]');
    expect(careful({ a: 1 }, { maxDepth: 0 })).toBe('"[Max depth]"');
    // Leaves are never cut by depth.
    expect(careful({ a: "s", d: new Date(0) }, { maxDepth: 1 })).toBe('{"a":"s","d":"1970-01-01T00:00:00.000Z"}');
  });

  it("handles the default depth of 32", () => {
    let deep: unknown = "leaf";
    for (let i = 0; i < 40; i++) deep = [deep];
    const out = JSON.parse(careful(deep)) as unknown;
    let level = 0;
    let cursor = out;
    while (Array.isArray(cursor)) {
      cursor = cursor[0];
      level++;
    }
    expect(level).toBe(32);
    expect(cursor).toBe("[Max depth]");
  });

  it("keeps maxEntries array items plus a marker item", () => {
    expect(careful([1, 2, 3, 4, 5], { maxEntries: 2 })).toBe('[1,2,"…[truncated 3 items]"]');
    const big = Array.from({ length: 2500 }, (_, i) => i);
    const out = JSON.parse(careful(big)) as unknown[];
    expect(out).toHaveLength(2001);
    expect(out[1999]).toBe(1999);
    expect(out[2000]).toBe("…[truncated 500 items]");
  });

  it("keeps maxEntries object keys plus a marker key", () => {
    expect(careful({ a: 1, b: 2, c: 3, d: 4 }, { maxEntries: 3 })).toBe('{"a":1,"b":2,"c":3,"…":"[truncated 1 keys]"}');
  });

  it("does not expand exponentially shared structures beyond maxBytes", () => {
    let reads = 0;
    let node: unknown = Object.defineProperty({}, "leaf", {
      enumerable: true,
      get() {
        reads++;
        return "leaf";
      },
    });
    for (let i = 0; i < 30; i++) node = { l: node, r: node };
    careful(node, { maxBytes: 10_000 });
    // 2^30 leaves without the byte budget; with it, the walk stops early.
    expect(reads).toBeLessThan(2_000);
  });
});

describe("walk: toJSON", () => {
  it("uses toJSON and passes the key", () => {
    const keys: unknown[] = [];
    const spy = {
      toJSON(key: unknown) {
        keys.push(key);
        return { replaced: true };
      },
    };
    expect(careful({ a: spy, b: [spy] })).toBe('{"a":{"replaced":true},"b":[{"replaced":true}]}');
    expect(keys).toEqual(["a", "0"]);
    careful(spy);
    expect(keys[2]).toBe("");
  });

  it("reports a throwing toJSON as unreadable", () => {
    const bad = {
      toJSON() {
        throw new Error("toJSON failed");
      },
    };
    expect(careful({ bad, ok: 1 })).toBe('{"bad":"[Unreadable: toJSON failed]","ok":1}');
  });

  it("handles toJSON returning this, or something containing this", () => {
    const self = {
      v: 1,
      toJSON() {
        return this;
      },
    };
    expect(JSON.parse(careful(self))).toEqual({ v: 1, toJSON: "[Function toJSON]" });
    const wrap = {
      toJSON() {
        return { me: this };
      },
    };
    expect(careful(wrap)).toBe('{"me":"[Circular]"}');
  });

  it("omits a property whose toJSON returns undefined, like JSON.stringify", () => {
    expect(careful({ a: { toJSON: () => undefined }, b: 1 })).toBe('{"b":1}');
  });

  it("calls toJSON even past maxDepth, since it often returns a primitive", () => {
    const decimal = { digits: "12.50", toJSON: () => "12.50" };
    expect(careful({ a: { price: decimal } }, { maxDepth: 1 })).toBe('{"a":"[Max depth]"}');
    expect(careful({ price: decimal }, { maxDepth: 1 })).toBe('{"price":"12.50"}');
    expect(careful({ price: { toJSON: () => ({ nested: 1 }) } }, { maxDepth: 1 })).toBe('{"price":"[Max depth]"}');
  });

  it("ignores a toJSON that is not a function", () => {
    expect(careful({ toJSON: 5, a: 1 })).toBe('{"toJSON":5,"a":1}');
  });
});

describe("walk: hostile objects", () => {
  it("isolates throwing getters", () => {
    expect(careful(throwingGetter("nope"))).toBe('{"ok":1,"bad":"[Unreadable: nope]"}');
  });

  it("isolates a throwing getter on a class instance and in arrays", () => {
    class Box {
      value = 1;
    }
    const box = new Box();
    Object.defineProperty(box, "oops", {
      enumerable: true,
      get() {
        throw new TypeError("bad getter");
      },
    });
    const array: unknown[] = [1];
    Object.defineProperty(array, 1, {
      enumerable: true,
      get() {
        throw new Error("index");
      },
    });
    expect(careful({ box, array })).toBe('{"box":{"value":1,"oops":"[Unreadable: bad getter]"},"array":[1,"[Unreadable: index]"]}');
  });

  it("turns Proxies whose traps throw into [Unreadable: ...]", () => {
    const trap = (name: string) => () => {
      throw new Error(`${name} trap`);
    };
    const keysThrow = new Proxy({ a: 1 }, { ownKeys: trap("ownKeys") });
    const getThrows = new Proxy({ a: 1, b: 2 }, { get: trap("get") });
    const protoThrows = new Proxy({ a: 1 }, { getPrototypeOf: trap("getPrototypeOf") });
    const descriptorThrows = new Proxy({ a: 1 }, { getOwnPropertyDescriptor: trap("descriptor") });
    const arrayGetThrows = new Proxy([1, 2], { get: trap("array get") });
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(JSON.parse(careful({ keysThrow, getThrows, protoThrows, descriptorThrows, arrayGetThrows, revoked: revocable.proxy }))).toEqual({
      keysThrow: "[Unreadable: ownKeys trap]",
      getThrows: { a: "[Unreadable: get trap]", b: "[Unreadable: get trap]" },
      protoThrows: "[Unreadable: getPrototypeOf trap]",
      descriptorThrows: "[Unreadable: descriptor trap]",
      arrayGetThrows: "[Unreadable: array get trap]",
      revoked: expect.stringMatching(/^\[Unreadable: .*revoked/),
    });
  });

  it("serializes a well-behaved Proxy through its traps", () => {
    const proxy = new Proxy({ a: 1 }, { get: (target, key) => (key === "a" ? 2 : Reflect.get(target, key)) });
    expect(careful(proxy)).toBe('{"a":2}');
  });

  it("survives an exception that is itself hostile", () => {
    const hostileError = new Proxy(
      {},
      {
        get() {
          throw new Error("again");
        },
      },
    );
    const thrower = Object.defineProperty({}, "x", {
      enumerable: true,
      get() {
        throw hostileError;
      },
    });
    expect(careful(thrower)).toBe('{"x":"[Unreadable: unknown error]"}');
  });
});

describe("walk: built-in objects", () => {
  it("renders Dates as ISO strings and invalid Dates as Invalid Date", () => {
    expect(careful({ d: new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 6)), bad: new Date(Number.NaN) })).toBe(
      '{"d":"2024-01-02T03:04:05.006Z","bad":"Invalid Date"}',
    );
  });

  it("renders RegExps and URLs as their text", () => {
    expect(careful([/a+b/gi, new URL("https://example.com/a b?q=1")])).toBe('["/a+b/gi","https://example.com/a%20b?q=1"]');
  });

  it("renders class instances by their own enumerable properties", () => {
    class Point {
      constructor(
        public x: number,
        public y: number,
      ) {}
      get sum() {
        return this.x + this.y;
      }
    }
    expect(careful(new Point(1, 2))).toBe('{"x":1,"y":2}');
  });

  it("keeps a __proto__ key as data", () => {
    const value = JSON.parse('{"__proto__":{"polluted":1},"a":1}') as unknown;
    const json = walkRoot(value, resolveLimits());
    expect(Object.getPrototypeOf(json)).toBe(Object.prototype);
    expect(JSON.stringify(json)).toBe('{"__proto__":{"polluted":1},"a":1}');
  });
});
