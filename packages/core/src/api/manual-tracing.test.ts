import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureTraces } from "../testing/capture-traces";
import { SpanType } from "../tracing/span-type";
import { getCurrentActiveSpan, getLastActiveTraceId } from "./current-span";
import { startSpan } from "./start-span";
import { trace } from "./trace";
import { updateCurrentTrace } from "./update-current-trace";
import { withSpan } from "./with-span";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

describe("trace()", () => {
  it("records arguments by name and the return value, sync", async () => {
    const add = trace((a: number, b: number) => a + b, { name: "add", spanType: SpanType.TOOL });
    expect(add(2, 3)).toBe(5);
    const [t] = await capture.flush();
    expect(t!.root.name).toBe("add");
    expect(t!.root.spanType).toBe("TOOL");
    expect(t!.root.inputs).toEqual({ a: 2, b: 3 });
    expect(t!.root.outputs).toBe(5);
    expect(t!.root.status.code).toBe("STATUS_CODE_OK");
    expect(getLastActiveTraceId()).toBe(t!.traceId);
  });

  it("takes options first, as the Kong guide writes it, and awaits async results", async () => {
    const ask = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string) => `answer to ${question}`);
    await expect(ask("why?")).resolves.toBe("answer to why?");
    const [t] = await capture.flush();
    expect(t!.root.name).toBe("askQuestion");
    expect(t!.root.spanType).toBe("CHAIN");
    expect(t!.root.inputs).toEqual({ question: "why?" });
    expect(t!.root.outputs).toBe("answer to why?");
  });

  it("returns a hostile Proxy unchanged, ending its span", async () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("no reads");
        },
      },
    );
    const make = trace(() => hostile, { name: "make" });
    expect(make()).toBe(hostile);
    const [t] = await capture.flush();
    expect(t!.root.ended).toBe(true);
    expect(t!.root.outputs).toEqual({});
  });

  it("rethrows the same error and records it on the span", async () => {
    const boom = new RangeError("boom");
    const failing = trace(async function failing() {
      throw boom;
    });
    await expect(failing()).rejects.toBe(boom);
    const syncFailing = trace(() => {
      throw boom;
    });
    expect(() => syncFailing()).toThrow(boom);
    const traces = await capture.flush();
    expect(traces).toHaveLength(2);
    for (const t of traces) {
      expect(t.root.status).toEqual({ code: "STATUS_CODE_ERROR", description: "boom" });
      expect(t.root.events[0]!.name).toBe("exception");
      expect(t.root.events[0]!.attributes["exception.type"]).toBe("RangeError");
      expect(t.root.events[0]!.attributes["exception.message"]).toBe("boom");
      expect(String(t.root.events[0]!.attributes["exception.stacktrace"])).toContain("boom");
    }
  });

  it("keeps this, name and length", async () => {
    const obj = {
      factor: 3,
      times: trace(function times(this: { factor: number }, x: number) {
        return this.factor * x;
      }),
    };
    expect(obj.times(2)).toBe(6);
    expect(obj.times.name).toBe("times");
    expect(obj.times.length).toBe(1);
    const [t] = await capture.flush();
    expect(t!.root.name).toBe("times");
  });

  it("works as a TC39 method decorator and a legacy decorator", async () => {
    const decorate = trace({ spanType: SpanType.AGENT });
    class Agent {
      prefix = "done:";
      async run(task: string) {
        return this.prefix + task;
      }
    }
    // TC39 form: (method, context) => replacement
    const tc39 = decorate(Agent.prototype.run, { kind: "method", name: "run" } as ClassMethodDecoratorContext);
    // legacy form: (target, key, descriptor) => descriptor
    const descriptor = decorate(Agent.prototype, "run", { value: Agent.prototype.run, writable: true, configurable: true });
    const agent = new Agent();
    expect(await tc39.call(agent, "a")).toBe("done:a");
    expect(await descriptor.value.call(agent, "b")).toBe("done:b");
    const traces = await capture.flush();
    expect(traces.map((t) => [t.root.name, t.root.spanType, t.root.inputs])).toEqual([
      ["run", "AGENT", { task: "a" }],
      ["run", "AGENT", { task: "b" }],
    ]);
  });
});

describe("withSpan()", () => {
  it("nests spans started inside (sync) and records the return value", async () => {
    const result = withSpan(
      (parent) => {
        expect(getCurrentActiveSpan()).toBe(parent);
        withSpan(() => "inner", { name: "child", spanType: SpanType.TOOL });
        return { ok: true };
      },
      { name: "parent", spanType: SpanType.CHAIN, inputs: { q: 1 } },
    );
    expect(result).toEqual({ ok: true });
    expect(getCurrentActiveSpan()).toBeNull();
    const [t] = await capture.flush();
    expect(t!.spans.map((s) => s.name)).toEqual(["parent", "child"]);
    expect(t!.spans[1]!.parentId).toBe(t!.root.spanId);
    expect(t!.root.inputs).toEqual({ q: 1 });
    expect(t!.root.outputs).toEqual({ ok: true });
    expect(t!.spans[1]!.outputs).toBe("inner");
  });

  it("takes options first too, and keeps outputs the callback set", async () => {
    await withSpan({ name: "x" }, async (span) => {
      span.setOutputs("explicit");
      return "returned";
    });
    const [t] = await capture.flush();
    expect(t!.root.outputs).toBe("explicit");
  });

  it("returns the very same promise object", async () => {
    const p = Promise.resolve(1);
    expect(withSpan(() => p, { name: "same" })).toBe(p);
    await capture.flush();
  });
});

describe("startSpan()", () => {
  it("nests by explicit parent and finishes the trace when the root and all children ended", async () => {
    const root = startSpan({ name: "root", spanType: SpanType.AGENT });
    const child = startSpan({ name: "child", parent: root, inputs: "in" });
    const grandchild = startSpan({ name: "grandchild", parent: child });
    root.end({ outputs: "root-out" });
    expect(capture.traces).toHaveLength(0);
    grandchild.end();
    child.end({ outputs: "child-out", status: "OK" });
    child.end({ outputs: "ignored" });
    const traces = await capture.flush();
    expect(traces).toHaveLength(1);
    const [t] = traces;
    expect(t!.spans.map((s) => [s.name, s.parentId])).toEqual([
      ["root", null],
      ["child", root.spanId],
      ["grandchild", child.spanId],
    ]);
    expect(child.outputs).toBe("child-out");
    expect(new Set(t!.spans.map((s) => s.traceId))).toEqual(new Set([t!.traceId]));
    expect(t!.traceId).toMatch(/^tr-[0-9a-f]{32}$/);
  });

  it("starts a new trace under a parent whose trace was already exported", async () => {
    const root = startSpan({ name: "done" });
    root.end();
    const late = startSpan({ name: "late", parent: root });
    late.end();
    const traces = await capture.flush();
    expect(traces.map((t) => t.root.name)).toEqual(["done", "late"]);
    expect(traces[0]!.traceId).not.toBe(traces[1]!.traceId);
  });
});

describe("updateCurrentTrace()", () => {
  it("sets tags, metadata, session, user, request id and previews on the active trace", async () => {
    withSpan(
      () => {
        updateCurrentTrace({
          tags: { team: "ai" },
          metadata: { build: "42" },
          sessionId: "sess-1",
          user: "alice",
          clientRequestId: "req-7",
          requestPreview: "custom request",
          responsePreview: "custom response",
        });
      },
      { name: "turn" },
    );
    const [t] = await capture.flush();
    expect(t!.updates).toEqual({
      tags: { team: "ai" },
      metadata: { build: "42", "mlflow.trace.session": "sess-1", "mlflow.trace.user": "alice" },
      clientRequestId: "req-7",
      requestPreview: "custom request",
      responsePreview: "custom response",
    });
  });
});
