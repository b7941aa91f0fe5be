import { describe, expect, it } from "vitest";
import { toJsonSafe } from "./to-json-safe";

type Obj = Record<string, unknown>;
const asObj = (value: unknown) => value as Obj;

describe("errors", () => {
  it("renders name, message and stack", () => {
    const error = new TypeError("bad input");
    const out = asObj(toJsonSafe(error));
    expect(out.name).toBe("TypeError");
    expect(out.message).toBe("bad input");
    expect(out.stack).toBe(error.stack);
    expect(Object.keys(out)).toEqual(["name", "message", "stack"]);
  });

  it("renders causes recursively, including non-error causes", () => {
    const root = new Error("root");
    const error = new Error("outer", { cause: new RangeError("middle", { cause: root }) });
    const out = asObj(toJsonSafe(error));
    const middle = asObj(out.cause);
    expect(middle.name).toBe("RangeError");
    expect(asObj(middle.cause).message).toBe("root");
    expect(asObj(toJsonSafe(new Error("x", { cause: { code: 42 } }))).cause).toEqual({ code: 42 });
  });

  it("marks cause loops as [Circular]", () => {
    const a = new Error("a");
    const b = new Error("b", { cause: a });
    (a as { cause?: unknown }).cause = b;
    const out = asObj(toJsonSafe(a));
    expect(asObj(out.cause).cause).toBe("[Circular]");
  });

  it("keeps own enumerable properties, such as an HTTP status", () => {
    class ApiError extends Error {
      status = 429;
      headers = { "retry-after": "1" };
      constructor(message: string) {
        super(message);
        this.name = "ApiError";
      }
    }
    const out = asObj(toJsonSafe(new ApiError("rate limited")));
    expect(out).toMatchObject({ name: "ApiError", message: "rate limited", status: 429, headers: { "retry-after": "1" } });
    expect(Object.keys(out)).toEqual(["name", "message", "stack", "status", "headers"]);
  });

  it("omits an absent stack and keeps non-string messages as data", () => {
    const error = new Error("x");
    Object.defineProperty(error, "stack", { value: undefined });
    Object.defineProperty(error, "message", { value: { detail: 1 } });
    expect(toJsonSafe(error)).toEqual({ name: "Error", message: { detail: 1 } });
  });

  it("lists the errors of an AggregateError", () => {
    const out = asObj(toJsonSafe(new AggregateError([new Error("one"), "two"], "many")));
    expect(out.name).toBe("AggregateError");
    const errors = out.errors as unknown[];
    expect(asObj(errors[0]).message).toBe("one");
    expect(errors[1]).toBe("two");
  });

  it("isolates a throwing getter on an error", () => {
    const error = new Error("x");
    Object.defineProperty(error, "details", {
      enumerable: true,
      get() {
        throw new Error("no details");
      },
    });
    Object.defineProperty(error, "stack", {
      get() {
        throw new Error("no stack");
      },
    });
    expect(toJsonSafe(error)).toEqual({ name: "Error", message: "x", stack: "[Unreadable: no stack]", details: "[Unreadable: no details]" });
  });

  it("prefers an error's own toJSON", () => {
    const error = Object.assign(new Error("x"), { toJSON: () => ({ custom: true }) });
    expect(toJsonSafe(error)).toEqual({ custom: true });
  });

  it("applies maxEntries to an error's own properties", () => {
    const error = Object.assign(new Error("x"), { a: 1, b: 2, c: 3 });
    Object.defineProperty(error, "stack", { value: undefined });
    expect(toJsonSafe(error, { maxEntries: 2 })).toEqual({ name: "Error", message: "x", a: 1, b: 2, "…": "[truncated 1 keys]" });
  });

  it("does not count an own enumerable field shown first (here message) against maxEntries", () => {
    const error = Object.defineProperty(Object.assign(new Error("x"), { a: 1, b: 2 }), "message", { value: "y", enumerable: true });
    Object.defineProperty(error, "stack", { value: undefined });
    expect(toJsonSafe(error, { maxEntries: 2 })).toEqual({ name: "Error", message: "y", a: 1, b: 2 });
  });

  it("replaces an error nested deeper than maxDepth", () => {
    expect(toJsonSafe({ e: new Error("x") }, { maxDepth: 1 })).toEqual({ e: "[Max depth]" });
  });
});
