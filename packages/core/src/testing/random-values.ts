/**
 * Seeded generators of hostile values (cycles, shared references, huge
 * strings, lone surrogates, NaN, BigInt, throwing getters, Proxies...), for
 * the property tests of the serializer and the span API. @internal
 */
/** mulberry32: a tiny seeded PRNG, so every failure is reproducible. */
export function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface GenOptions {
  /** Only values whose conversion gives the same result every time (no flip-flopping getters). */
  stable: boolean;
}

export class Generator {
  private readonly pool: object[] = [];
  /** Nodes left to create, so a value stays small enough to build quickly. */
  private nodes = 2000;
  private hugeStrings = 3;

  constructor(
    private readonly random: () => number,
    private readonly options: GenOptions,
  ) {}

  int(max: number): number {
    return Math.floor(this.random() * max);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.int(items.length)] as T;
  }

  string(): string {
    const pieces = ["a", "Z", "0", " ", '"', "\\", "\n", "\u0000", "\u001f", "é", "€", "中", "😀", "\ud800", "\udc00", "\udbff", "\u2028", "…"];
    const kind = this.int(10);
    if (kind === 0 && this.hugeStrings-- > 0) return "x".repeat(20_000 + this.int(60_000)) + this.pick(pieces);
    if (kind === 1) return this.pick(pieces).repeat(1 + this.int(3000));
    const length = this.int(kind === 2 ? 300 : 20);
    let text = "";
    for (let i = 0; i < length; i++) text += this.pick(pieces);
    return text;
  }

  leaf(): unknown {
    switch (this.int(16)) {
      case 0:
        return this.int(1000) - 500;
      case 1:
        return this.pick([Number.NaN, Infinity, -Infinity, -0, 1e308, 5e-324, 0.1]);
      case 2:
        return this.pick([10n ** BigInt(this.int(300)), -5n, 0n]);
      case 3:
      case 4:
      case 5:
        return this.string();
      case 6:
        return this.pick([true, false, null, undefined]);
      case 7:
        return Symbol(this.pick(["", "desc", "😀\ud800"]));
      case 8:
        return this.pick([() => 1, function named() {}, class K {}]);
      case 9:
        return this.pick([new Date(this.int(1e12)), new Date(Number.NaN), /re+g/g, new URL("https://example.com/p?q=é")]);
      case 10:
        return this.pick([new Uint8Array(this.int(200)), new Float32Array([Number.NaN, 1.5]), new BigUint64Array([2n ** 63n]), new ArrayBuffer(70), new DataView(new ArrayBuffer(3))]);
      case 11:
        return this.pick([new Number(1), new String("boxed"), Object(3n)]);
      default:
        return this.string().slice(0, 10);
    }
  }

  value(depth: number, ancestors: object[]): unknown {
    this.nodes--;
    if (depth > 5 || this.nodes <= 0 || this.random() < 0.35) return this.leaf();
    const kind = this.int(14);
    if (kind === 0 && ancestors.length > 0) return this.pick(ancestors); // a cycle
    if (kind === 1 && this.pool.length > 0) return this.pick(this.pool); // a shared reference
    const children = (make: (self: object) => void, self: object): object => {
      this.pool.push(self);
      ancestors.push(self);
      make(self);
      ancestors.pop();
      return self;
    };
    const count = () => Math.min(this.nodes, this.random() < 0.1 ? 30 + this.int(2500) : this.int(6));
    switch (kind) {
      case 2: {
        return children((self) => {
          const array = self as unknown[];
          const n = count();
          for (let i = 0; i < n; i++) array.push(this.value(depth + 1, ancestors));
        }, []);
      }
      case 3: {
        return children((self) => {
          const map = self as Map<unknown, unknown>;
          const n = count();
          const objectKeys = this.random() < 0.3;
          for (let i = 0; i < n; i++) map.set(objectKeys ? this.value(depth + 1, ancestors) : this.pick([`k${i}`, i, "1", 1]), this.value(depth + 1, ancestors));
        }, new Map());
      }
      case 4: {
        return children((self) => {
          const set = self as Set<unknown>;
          const n = count();
          for (let i = 0; i < n; i++) set.add(this.value(depth + 1, ancestors));
        }, new Set());
      }
      case 5: {
        const error = this.pick([new Error(this.string().slice(0, 50)), new TypeError("t"), new AggregateError([1, new Error("inner")], "agg")]);
        return children((self) => {
          (self as { cause?: unknown }).cause = this.value(depth + 1, ancestors);
          (self as { extra?: unknown }).extra = this.value(depth + 1, ancestors);
        }, error);
      }
      case 6: {
        const message = this.string().slice(0, 40);
        return Object.defineProperty({ fine: 1 }, "boom", {
          enumerable: true,
          get() {
            throw new Error(message);
          },
        });
      }
      case 7: {
        const trap = this.pick(["get", "ownKeys", "getPrototypeOf", "getOwnPropertyDescriptor", "has"] as const);
        const thrown = this.pick<unknown>([new Error("trap"), "string thrown", Symbol("sym"), undefined]);
        const target = this.random() < 0.5 ? { a: 1, b: [2] } : [1, 2];
        return new Proxy(target, {
          [trap]() {
            throw thrown;
          },
        });
      }
      case 8: {
        const revocable = Proxy.revocable({}, {});
        revocable.revoke();
        return revocable.proxy;
      }
      case 9: {
        const replacement = this.value(depth + 1, ancestors);
        const throws = this.random() < 0.3;
        return {
          toJSON() {
            if (throws) throw new Error("toJSON threw");
            return replacement;
          },
        };
      }
      case 10: {
        if (this.options.stable) return this.leaf();
        let reads = 0;
        const big = this.string();
        return Object.defineProperty({}, "flip", {
          enumerable: true,
          get() {
            reads++;
            return reads % 2 === 1 ? "small" : big;
          },
        });
      }
      default: {
        return children((self) => {
          const object = self as Record<string, unknown>;
          const n = count();
          for (let i = 0; i < n; i++) object[this.random() < 0.2 ? this.string().slice(0, 30) : `key${i}`] = this.value(depth + 1, ancestors);
        }, {});
      }
    }
  }
}

