import { describe, expect, it } from "vitest";
import { LazyTransport } from "./lazy-transport";
import type { TraceTransport } from "./trace-transport";

const otlp: TraceTransport = { name: "otlp", send: async () => [] };

describe("LazyTransport", () => {
  it("has no name until the choice is made, then the chosen transport's", async () => {
    let choose!: (t: TraceTransport) => void;
    const lazy = new LazyTransport(() => new Promise((resolve) => (choose = resolve)));
    lazy.prepare();
    expect(lazy.name).toBeUndefined();
    choose(otlp);
    await expect(lazy.send([], "0")).resolves.toEqual([]);
    expect(lazy.name).toBe("otlp");
  });

  it("asks again after a failed choice, and prepare() reports nothing", async () => {
    let calls = 0;
    const lazy = new LazyTransport(async () => {
      calls++;
      if (calls === 1) throw new Error("MLflow is down");
      return otlp;
    });
    lazy.prepare(); // fails quietly: no unhandled rejection
    await new Promise((r) => setTimeout(r, 0));
    expect(lazy.name).toBeUndefined();
    await expect(lazy.send([], "0")).resolves.toEqual([]);
    expect([calls, lazy.name]).toEqual([2, "otlp"]);
  });
});
