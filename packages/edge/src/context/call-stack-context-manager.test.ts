import { type LiveSpan, getCurrentActiveSpan, setContextManager, setLogger, startSpan, withSpan } from "@kong-mlflow/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetWarnings } from "@kong-mlflow/core/internal";
import { captureTraces } from "../testing/capture-traces";
import { LOST_CONTEXT_WARNING, callStackContext } from "./call-stack-context-manager";
import { withActiveSpan } from "./context-setup";

const tick = () => new Promise((r) => setTimeout(r, 1));
let capture: ReturnType<typeof captureTraces>;
let warnings: string[];

beforeEach(() => {
  capture = captureTraces();
  setContextManager(callStackContext());
  warnings = [];
  resetWarnings();
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
});
afterEach(() => {
  capture.restore();
  setLogger(undefined);
});

describe("callStackContext (browsers)", () => {
  it("nests synchronously started spans and forgets the span after an await", async () => {
    let afterAwait: LiveSpan | null = null;
    let child!: LiveSpan;
    let late!: LiveSpan;
    await withSpan({ name: "root" }, async (root) => {
      expect(getCurrentActiveSpan()).toBe(root);
      child = startSpan({ name: "sync-child" });
      child.end();
      await tick();
      afterAwait = getCurrentActiveSpan();
      late = startSpan({ name: "late" });
      late.end();
    });
    expect(afterAwait).toBeNull();
    const traces = await capture.flush();
    const root = traces.find((t) => t.root.name === "root")!;
    expect(child.parentId).toBe(root.root.spanId);
    expect(late.parentId).toBeNull(); // a trace of its own, not a guess
    expect(late.traceId).not.toBe(root.traceId);
    expect(warnings).toEqual([LOST_CONTEXT_WARNING]);
  });

  it("never attaches a span to the other of two interleaved traces", async () => {
    const run = (name: string, delay: number) =>
      withSpan({ name }, async (root) => {
        await new Promise((r) => setTimeout(r, delay));
        const implicit = startSpan({ name: `${name}-implicit` });
        implicit.end();
        const explicit = startSpan({ name: `${name}-explicit`, parent: root });
        explicit.end();
        const activated = withActiveSpan(root, () => startSpan({ name: `${name}-activated` }));
        activated.end();
        return { root, implicit, explicit, activated };
      });
    const results = await Promise.all([run("a", 10), run("b", 1)]);
    for (const { root, implicit, explicit, activated } of results) {
      expect(implicit.parentId).toBeNull();
      expect([results[0]!.root.traceId, results[1]!.root.traceId]).not.toContain(implicit.traceId);
      expect(explicit.parentId).toBe(root.spanId);
      expect(activated.parentId).toBe(root.spanId);
    }
  });

  it("stops warning once every traced async function settled, rejected ones included", async () => {
    await withSpan({ name: "failing" }, async () => {
      await tick();
      throw new Error("x");
    }).catch(() => undefined);
    startSpan({ name: "unrelated" }).end();
    expect(warnings).toEqual([]);
  });

  it("leaves other thenables alone (then() could start their work again)", () => {
    let thens = 0;
    const thenable = { then: (resolve: (v: number) => void) => (thens++, resolve(1)) };
    withSpan({ name: "lazy" }, () => thenable);
    expect(thens).toBe(1); // once, by withSpan itself
  });
});
