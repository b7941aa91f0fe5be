import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../errors";
import { resolveOptions } from "./resolve-options";

afterEach(() => vi.unstubAllEnvs());

describe("resolveOptions", () => {
  it("reads the environment and applies defaults", () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "http://127.0.0.1:5000/");
    vi.stubEnv("MLFLOW_EXPERIMENT_ID", "12");
    const o = resolveOptions();
    expect(o.trackingUri).toBe("http://127.0.0.1:5000");
    expect(o.experimentId).toBe("12");
    expect(o.headers).toEqual({});
    expect(o.enabled).toBe(true);
  });

  it("defaults to the Default experiment, and prefers an id over a name", () => {
    expect(resolveOptions({ trackingUri: "http://h" }).experimentId).toBe("0");
    const named = resolveOptions({ trackingUri: "http://h", experimentName: "x" });
    expect([named.experimentId, named.experimentName]).toEqual([undefined, "x"]);
    const both = resolveOptions({ trackingUri: "http://h", experimentName: "x", experimentId: "3" });
    expect([both.experimentId, both.experimentName]).toEqual(["3", undefined]);
  });

  it("builds Basic auth before Bearer, as MLflow does", () => {
    vi.stubEnv("MLFLOW_TRACKING_TOKEN", "tok");
    expect(resolveOptions({ trackingUri: "http://h" }).headers).toEqual({ Authorization: "Bearer tok" });
    vi.stubEnv("MLFLOW_TRACKING_USERNAME", "user");
    vi.stubEnv("MLFLOW_TRACKING_PASSWORD", "pässword");
    expect(resolveOptions({ trackingUri: "http://h" }).headers).toEqual({ Authorization: `Basic ${btoa("user:p\u00c3\u00a4ssword")}` });
  });

  it("names the setting at fault", () => {
    const err = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return e as ConfigurationError;
      }
      throw new Error("expected a throw");
    };
    expect(err(() => resolveOptions({ trackingUri: "not a url" })).setting).toBe("trackingUri");
    expect(err(() => resolveOptions({ trackingUri: "not a url" })).message).toMatch(/trackingUri: "not a url" is not a valid URL/);
    expect(err(() => resolveOptions({ trackingUri: "ftp://h" })).message).toMatch(/http:\/\/ or https:\/\//);
    expect(err(() => resolveOptions({ trackingUri: "databricks" })).message).toMatch(/Databricks/);
    vi.stubEnv("MLFLOW_TRACKING_URI", "localhost:5000x");
    expect(err(() => resolveOptions()).setting).toBe("MLFLOW_TRACKING_URI");
    vi.unstubAllEnvs();
    expect(err(() => resolveOptions()).message).toMatch(/MLFLOW_TRACKING_URI/);
    expect(err(() => resolveOptions({ trackingUri: "http://h", experimentId: "a b" })).setting).toBe("experimentId");
    expect(err(() => resolveOptions({ trackingUri: "http://h", trackingServerUsername: "u" })).setting).toMatch(/PASSWORD/);
    expect(err(() => resolveOptions({ trackingUri: "http://h", batch: { maxBatchSize: 0 } })).setting).toBe("batch.maxBatchSize");
    expect(ConfigurationError.isInstance(err(() => resolveOptions({ trackingUri: "x" })))).toBe(true);
  });
});
