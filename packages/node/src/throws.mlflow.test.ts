import { beforeAll, describe, expect, inject, it } from "vitest";
import { SpanType, getCurrentActiveSpan, trace, withSpan } from "./index";
import { initFreshExperiment, readTrace } from "./testing/mlflow-readback";

/**
 * Whatever a traced function throws (sync or async, Error or not, even a
 * value that cannot be printed) reaches the caller as the very same value,
 * and the span lands in MLflow as ERROR with an exception event.
 * (Errors thrown by `trace()`-wrapped async functions are covered by the
 * manual-tracing suite.)
 */
const trackingUri = inject("mlflowTrackingUri");

beforeAll(() => {
  initFreshExperiment(trackingUri, "throws");
});

/** The id of the trace the current code runs in. */
const currentTraceId = () => getCurrentActiveSpan()!.traceId;

/** Calls `fn`, returning what it threw or rejected with (awaiting a returned promise). */
async function caught(fn: () => unknown): Promise<{ value: unknown }> {
  try {
    await fn();
  } catch (value) {
    return { value };
  }
  throw new Error("expected a throw");
}

function caughtSync(fn: () => unknown): { value: unknown } {
  try {
    fn();
  } catch (value) {
    return { value };
  }
  throw new Error("expected a throw");
}

/** Reads the trace back and checks its one span is ERROR with one exception event; returns the event's attributes. */
async function errorSpan(traceId: string, name: string) {
  const { info, spans } = await readTrace(trackingUri, traceId);
  expect(info.state).toBe("ERROR");
  const span = spans.find((s) => s.name === name)!;
  expect(span, `span ${name} of ${traceId}`).toBeDefined();
  expect(span.status).toBe("STATUS_CODE_ERROR");
  const events = span.events.filter((e) => e.name === "exception");
  expect(events).toHaveLength(1);
  return { span, event: events[0]!.attributes ?? {} };
}

const noStringForm = () => Object.create(null) as object; // String(x) throws on it
const hostileError = () => {
  const e = new Error("hidden");
  Object.defineProperty(e, "message", {
    get() {
      throw new Error("message getter throws");
    },
  });
  return e;
};
const hostileProxy = () =>
  new Proxy(
    {},
    {
      get() {
        throw new Error("every read throws");
      },
      getPrototypeOf() {
        throw new Error("prototype read throws");
      },
    },
  );

describe("a throw inside trace() or withSpan() reaches the caller unchanged and marks the span ERROR in MLflow", () => {
  it.each([
    ["a string", () => "plain string failure", "plain string failure"],
    ["a number", () => 42, "42"],
    ["undefined", () => undefined, "undefined"],
    ["null", () => null, "null"],
    ["a plain object", () => ({ code: "E_APP", detail: [1, 2] }), undefined],
    ["an object without a string form", noStringForm, undefined],
    ["an Error whose message getter throws", hostileError, undefined],
    ["a Proxy whose every trap throws", hostileProxy, undefined],
  ])("trace(), sync, throwing %s", async (_, make, description) => {
    const thrownValue = make();
    let traceId = "";
    const fn = trace(
      (_input: string) => {
        traceId = currentTraceId();
        throw thrownValue;
      },
      { name: "sync-thrower", spanType: SpanType.TOOL },
    );
    const got = caughtSync(() => fn("in"));
    expect(got.value).toBe(thrownValue);
    const { span } = await errorSpan(traceId, "sync-thrower");
    expect(span.inputs).toEqual({ _input: "in" });
    if (description !== undefined) expect(span.raw.status.message).toBe(description);
  });

  it.each([
    ["a string", () => "async string failure"],
    ["a number", () => 7],
    ["undefined", () => undefined],
    ["an object without a string form", noStringForm],
    ["a Proxy whose every trap throws", hostileProxy],
  ])("trace(), async, rejecting with %s", async (_, make) => {
    const thrownValue = make();
    let traceId = "";
    const fn = trace(
      async () => {
        traceId = currentTraceId();
        await new Promise((r) => setTimeout(r, 1));
        throw thrownValue;
      },
      { name: "async-thrower" },
    );
    const got = await caught(() => fn());
    expect(got.value).toBe(thrownValue);
    await errorSpan(traceId, "async-thrower");
  });

  it("trace() of a plain function returning a rejected promise: the same promise and reason", async () => {
    const reason = { why: "rejected, not thrown" };
    let traceId = "";
    let returned: Promise<never> | undefined;
    const fn = trace(
      () => {
        traceId = currentTraceId();
        returned = Promise.reject(reason);
        return returned;
      },
      { name: "returns-rejection" },
    );
    const promise = fn();
    expect(promise).toBe(returned);
    await expect(promise).rejects.toBe(reason);
    await errorSpan(traceId, "returns-rejection");
  });

  it("withSpan(), sync throw of an Error: the same object, ERROR with its type and message", async () => {
    class QuotaError extends Error {
      override name = "QuotaError";
    }
    const error = new QuotaError("quota exceeded");
    let traceId = "";
    const got = caughtSync(() =>
      withSpan(
        () => {
          traceId = currentTraceId();
          throw error;
        },
        { name: "sync-with-span", inputs: { q: 1 } },
      ),
    );
    expect(got.value).toBe(error);
    const { event } = await errorSpan(traceId, "sync-with-span");
    expect(event["exception.type"]).toBe("QuotaError");
    expect(event["exception.message"]).toBe("quota exceeded");
    expect(String(event["exception.stacktrace"])).toContain("quota exceeded");
  });

  it.each([
    ["a string", () => "with-span string"],
    ["an object without a string form", noStringForm],
  ])("withSpan(), sync throw of %s", async (_, make) => {
    const thrownValue = make();
    let traceId = "";
    const got = caughtSync(() =>
      withSpan(() => {
        traceId = currentTraceId();
        throw thrownValue;
      }, { name: "sync-with-span-value" }),
    );
    expect(got.value).toBe(thrownValue);
    await errorSpan(traceId, "sync-with-span-value");
  });

  it("withSpan(), async rejection with a non-Error: the same value", async () => {
    const reason = Symbol("not an error");
    let traceId = "";
    const got = await caught(() =>
      withSpan(
        async () => {
          traceId = currentTraceId();
          await new Promise((r) => setTimeout(r, 1));
          throw reason;
        },
        { name: "async-with-span" },
      ),
    );
    expect(got.value).toBe(reason);
    const { event } = await errorSpan(traceId, "async-with-span");
    expect(event["exception.type"]).toBe("symbol");
  });

  it("an inner span that throws, caught by its parent: inner ERROR, parent OK, the parent's value returned", async () => {
    const inner = new Error("inner failure");
    let traceId = "";
    const result = await withSpan(
      async () => {
        traceId = currentTraceId();
        try {
          await withSpan(
            async () => {
              throw inner;
            },
            { name: "inner" },
          );
        } catch (e) {
          expect(e).toBe(inner);
          return "recovered";
        }
        return "not reached";
      },
      { name: "outer" },
    );
    expect(result).toBe("recovered");
    const { info, spans } = await readTrace(trackingUri, traceId);
    expect(info.state).toBe("OK");
    const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
    expect(byName.outer!.status).toBe("STATUS_CODE_OK");
    expect(byName.outer!.outputs).toBe("recovered");
    expect(byName.inner!.status).toBe("STATUS_CODE_ERROR");
    expect(byName.inner!.raw.parent_span_id).toBe(byName.outer!.raw.span_id);
  });
});
