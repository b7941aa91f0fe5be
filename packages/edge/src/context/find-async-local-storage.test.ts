import { AsyncLocalStorage } from "node:async_hooks";
import { describe, expect, it } from "vitest";
import { findAsyncLocalStorage } from "./find-async-local-storage";

describe("findAsyncLocalStorage", () => {
  it("takes globalThis.AsyncLocalStorage first (Vercel Edge)", () => {
    class Global {}
    expect(findAsyncLocalStorage({ AsyncLocalStorage: Global, process: { getBuiltinModule: () => ({ AsyncLocalStorage }) } })).toBe(Global);
  });

  it("asks process.getBuiltinModule next (workerd with nodejs_compat, Deno, Bun)", () => {
    const asked: string[] = [];
    expect(findAsyncLocalStorage({ process: { getBuiltinModule: (id) => (asked.push(id), { AsyncLocalStorage }) } })).toBe(AsyncLocalStorage);
    expect(asked).toEqual(["node:async_hooks"]);
  });

  it("finds nothing in a browser, or where the builtin lookup throws", () => {
    expect(findAsyncLocalStorage({})).toBeUndefined();
    expect(
      findAsyncLocalStorage({
        process: {
          getBuiltinModule: () => {
            throw new Error("no such module");
          },
        },
      }),
    ).toBeUndefined();
  });
});
