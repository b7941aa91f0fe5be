import { AsyncLocalStorage } from "node:async_hooks";
import { getCurrentActiveSpan, setContextManager, startSpan, withSpan } from "@kong-mlflow/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureTraces } from "../testing/capture-traces";
import { asyncLocalStorageContext } from "./async-local-storage-context-manager";
import { spansFollowAwait } from "./context-setup";

const tick = (ms: number) => new Promise((r) => setTimeout(r, ms));
let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
  setContextManager(asyncLocalStorageContext(AsyncLocalStorage));
});
afterEach(() => capture.restore());

describe("asyncLocalStorageContext (edge runtimes)", () => {
  it("nests across await, keeps interleaved requests apart, and says it follows await", async () => {
    expect(spansFollowAwait()).toBe(true);
    const request = (name: string, delay: number) =>
      withSpan({ name }, async (root) => {
        await tick(delay);
        const child = startSpan({ name: `${name}-child` });
        child.end();
        return { root, child, after: getCurrentActiveSpan() };
      });
    const results = await Promise.all([request("a", 10), request("b", 1)]);
    for (const { root, child, after } of results) {
      expect(child.parentId).toBe(root.spanId);
      expect(after).toBe(root);
    }
    expect(getCurrentActiveSpan()).toBeNull();
  });
});
