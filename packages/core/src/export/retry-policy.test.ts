import { describe, expect, it } from "vitest";
import { MlflowHttpError, MlflowNetworkError } from "../errors";
import { parseRetryAfter } from "./mlflow-http";
import { backoffMs, isRetryable } from "./retry-policy";

describe("retry policy", () => {
  it("retries network errors, timeouts, 408, 429 and 5xx only", () => {
    expect(isRetryable(new MlflowNetworkError("connection refused"))).toBe(true);
    expect(isRetryable(new MlflowNetworkError("timed out", { cause: new DOMException("timed out", "TimeoutError") }))).toBe(true);
    expect(isRetryable(new TypeError("x is not a function"))).toBe(false); // a bug, not an outage
    for (const s of [408, 429, 500, 502, 503, 504]) expect(isRetryable(new MlflowHttpError(s, "x"))).toBe(true);
    for (const s of [400, 401, 403, 404, 409, 413, 422]) expect(isRetryable(new MlflowHttpError(s, "x"))).toBe(false);
    expect(isRetryable(new Error("artifact location is s3:"))).toBe(false);
  });

  it("backs off exponentially with jitter, capped", () => {
    expect(backoffMs(1, 500, 30_000, () => 0)).toBe(250);
    expect(backoffMs(1, 500, 30_000, () => 1)).toBe(500);
    expect(backoffMs(4, 500, 30_000, () => 1)).toBe(4000);
    expect(backoffMs(20, 500, 30_000, () => 1)).toBe(30_000);
  });

  it("reads Retry-After in seconds or as a date", () => {
    expect(parseRetryAfter("3")).toBe(3000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter("soon")).toBeUndefined();
    const inTwoSeconds = new Date(Date.now() + 2000).toUTCString();
    expect(parseRetryAfter(inTwoSeconds)).toBeGreaterThan(500);
  });
});
