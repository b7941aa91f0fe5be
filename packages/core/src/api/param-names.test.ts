import { describe, expect, it } from "vitest";
import { argsToInputs, paramNames } from "./param-names";

const f = (...args: unknown[]) => args;

describe("paramNames", () => {
  it("reads plain, defaulted and rest parameters", () => {
    expect(paramNames(function f(a: number, b = 2) { return a + b; })).toEqual(["a", "b"]);
    expect(paramNames(async (question: string) => question)).toEqual(["question"]);
    expect(paramNames((x: number, ...rest: number[]) => x + rest.length)).toEqual(["x", "...rest"]);
    // biome-ignore lint: single-param arrow without parentheses is what we parse here
    expect(paramNames(new Function("q", "return q") as () => unknown)).toEqual(["q"]);
    expect(paramNames(function g(a = { x: [1, 2] }, b = "(,)") { return [a, b]; })).toEqual(["a", "b"]);
    expect(paramNames(function h(a = ")", b = `,${"]"}`) { return [a, b]; })).toEqual(["a", "b"]);
    expect(paramNames(new Function("a, b,", "return a") as () => unknown)).toEqual(["a", "b"]);
    expect(paramNames(() => 1)).toEqual([]);
    // biome-ignore format: the comments and strings are what is parsed here
    expect(paramNames(function k(u = "http://x", /* ) */ v = f(1, [2]), w = ({ a: "(" }).a) { return [u, v, w]; })).toEqual(["u", "v", "w"]);
  });

  it("gives up on destructuring and native code", () => {
    expect(paramNames(({ a }: { a: number }) => a)).toBeNull();
    expect(paramNames(Math.max)).toBeNull();
  });
});

describe("argsToInputs", () => {
  it("maps arguments to names, rest to an array, extras to args", () => {
    expect(argsToInputs(["a", "b"], [1, 2])).toEqual({ a: 1, b: 2 });
    expect(argsToInputs(["a", "...more"], [1, 2, 3])).toEqual({ a: 1, more: [2, 3] });
    expect(argsToInputs(["a"], [1, 2])).toEqual({ a: 1, args: [2] });
    expect(argsToInputs(null, [1, 2])).toEqual({ args: [1, 2] });
  });
});
