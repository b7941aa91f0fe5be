import { describe, expect, it } from "vitest";
import { ConfigurationError, KongMlflowError, MlflowHttpError, MlflowNetworkError } from "./errors";

describe("errors", () => {
  it("name themselves, in the stack too", () => {
    const cause = new Error("refused");
    const errors = [new KongMlflowError("a"), new ConfigurationError("trackingUri", "bad"), new MlflowHttpError(503, "down", "UNAVAILABLE", 1000), new MlflowNetworkError("no answer", { cause })];
    expect(errors.map((e) => e.name)).toEqual(["KongMlflowError", "ConfigurationError", "MlflowHttpError", "MlflowNetworkError"]);
    for (const e of errors) expect(e.stack?.startsWith(`${e.name}: ${e.message}`)).toBe(true);
    expect((errors[3] as MlflowNetworkError).cause).toBe(cause);
  });

  it("carry their fields", () => {
    const config = new ConfigurationError("batch.maxBatchSize", "0 is not a positive number.");
    expect([config.setting, config.message]).toEqual(["batch.maxBatchSize", "batch.maxBatchSize: 0 is not a positive number."]);
    const http = new MlflowHttpError(429, "slow down", "RATE_LIMITED", 2000);
    expect([http.status, http.errorCode, http.retryAfterMs]).toEqual([429, "RATE_LIMITED", 2000]);
  });

  it("are recognized across copies of the package by isInstance", () => {
    const foreign = Object.assign(new Error("x"), { [Symbol.for("kong-mlflow.error")]: true, name: "ConfigurationError" });
    expect(KongMlflowError.isInstance(foreign)).toBe(true);
    expect(ConfigurationError.isInstance(foreign)).toBe(true);
    expect(ConfigurationError.isInstance(new MlflowNetworkError("x"))).toBe(false);
    expect(KongMlflowError.isInstance(new Error("x"))).toBe(false);
    expect(new MlflowNetworkError("x")).toBeInstanceOf(KongMlflowError);
  });
});
