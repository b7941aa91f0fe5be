import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../errors";
import { resolveOptions } from "./resolve-options";

afterEach(() => vi.unstubAllEnvs());

/** The message of the ConfigurationError `fn` throws. */
function message(fn: () => unknown): string {
  try {
    fn();
  } catch (e) {
    expect(ConfigurationError.isInstance(e)).toBe(true);
    return (e as Error).message;
  }
  throw new Error("expected a throw");
}

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
    vi.stubEnv("MLFLOW_EXPERIMENT_NAME", "from-env");
    const fromEnv = resolveOptions({ trackingUri: "http://h" });
    expect([fromEnv.experimentId, fromEnv.experimentName]).toEqual([undefined, "from-env"]);
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
    expect(err(() => resolveOptions({ trackingUri: "databricks://profile" })).message).toMatch(/^trackingUri: "databricks:\/\/profile" is not a valid URL/);
    expect(err(() => resolveOptions({ trackingUri: "http://h/?q=1" })).message).toMatch(/query or fragment/);
    expect(resolveOptions({ trackingUri: " http://h/mlflow// " }).trackingUri).toBe("http://h/mlflow");
    vi.stubEnv("MLFLOW_TRACKING_URI", "localhost:5000x");
    expect(err(() => resolveOptions()).setting).toBe("MLFLOW_TRACKING_URI");
    vi.unstubAllEnvs();
    expect(err(() => resolveOptions()).message).toMatch(/MLFLOW_TRACKING_URI/);
    expect(err(() => resolveOptions({ trackingUri: "http://h", experimentId: "a b" })).setting).toBe("experimentId");
    expect(err(() => resolveOptions({ trackingUri: "http://h", trackingServerUsername: "u" })).setting).toBe("trackingServerPassword / MLFLOW_TRACKING_PASSWORD");
    expect(err(() => resolveOptions({ trackingUri: "http://h", trackingServerPassword: "p" })).setting).toBe("trackingServerUsername / MLFLOW_TRACKING_USERNAME");
    expect(err(() => resolveOptions({ trackingUri: "http://h", batch: { maxBatchSize: 0 } })).setting).toBe("batch.maxBatchSize");
    expect(ConfigurationError.isInstance(err(() => resolveOptions({ trackingUri: "x" })))).toBe(true);
  });

  it("quotes the bad value with the setting, whether from an option or a variable", () => {
    const base = { trackingUri: "http://h" };
    expect(message(() => resolveOptions({ ...base, requestTimeoutMs: Number.NaN }))).toBe("requestTimeoutMs: NaN is not a number >= 1.");
    expect(message(() => resolveOptions({ ...base, batch: { maxQueueSize: -1 } }))).toBe("batch.maxQueueSize: -1 is not a number >= 1.");
    expect(message(() => resolveOptions({ ...base, transport: "grpc" as never }))).toBe('transport: "grpc" is not one of "auto", "otlp" and "native".');
    expect(message(() => resolveOptions({ ...base, mask: "email" as never }))).toMatch(/^mask: "email" is not a function/);
    expect(message(() => resolveOptions({ ...base, experimentId: "a b" }))).toMatch(/^experimentId: "a b" is not a valid MLflow experiment id/);
    vi.stubEnv("KONG_MLFLOW_RECORD_INPUTS", "maybe");
    expect(message(() => resolveOptions(base))).toMatch(/^KONG_MLFLOW_RECORD_INPUTS: "maybe" is not true or false/);
    vi.stubEnv("KONG_MLFLOW_SAMPLE_RATE", "2");
    vi.stubEnv("KONG_MLFLOW_RECORD_INPUTS", "");
    expect(message(() => resolveOptions(base))).toBe('KONG_MLFLOW_SAMPLE_RATE: "2" is not a number from 0 to 1.');
    vi.stubEnv("KONG_MLFLOW_EXPORT_TRANSPORT", "ws");
    expect(message(() => resolveOptions({ ...base, sampleRate: 0.5 }))).toMatch(/^KONG_MLFLOW_EXPORT_TRANSPORT: "ws"/);
  });

  it("reads flags, rates and transports from the environment; an option wins over its variable", () => {
    vi.stubEnv("KONG_MLFLOW_TRACING_ENABLED", "off");
    vi.stubEnv("KONG_MLFLOW_RECORD_OUTPUTS", "No");
    vi.stubEnv("KONG_MLFLOW_SAMPLE_RATE", "0.25");
    vi.stubEnv("KONG_MLFLOW_EXPORT_TRANSPORT", "otlp");
    const o = resolveOptions({ trackingUri: "http://h", recordInputs: false });
    expect([o.enabled, o.recordInputs, o.recordOutputs, o.sampleRate, o.transport]).toEqual([false, false, false, 0.25, "otlp"]);
    const given = resolveOptions({ trackingUri: "http://h", enabled: true, sampleRate: 1, transport: "native" });
    expect([given.enabled, given.sampleRate, given.transport]).toEqual([true, 1, "native"]);
  });

  it("defaults every unset setting", () => {
    const o = resolveOptions({ trackingUri: "http://h" });
    expect(o).toMatchObject({ enabled: true, sampleRate: 1, recordInputs: true, recordOutputs: true, mask: undefined, transport: "auto" });
    expect(o).toMatchObject({ maxBatchSize: 100, maxQueueSize: 10_000, maxQueueBytes: 64 * 1024 * 1024, scheduleDelayMs: 200 });
    expect(o).toMatchObject({ retryBaseDelayMs: 500, retryMaxDelayMs: 30_000, requestTimeoutMs: 30_000 });
    expect(resolveOptions({ trackingUri: "http://h", batch: { maxBatchSize: 7.9 } }).maxBatchSize).toBe(7);
    // below 1 would round down to 0: refused, not silently turned off
    expect(message(() => resolveOptions({ trackingUri: "http://h", batch: { maxBatchSize: 0.5 } }))).toBe("batch.maxBatchSize: 0.5 is not a number >= 1.");
    expect(resolveOptions({ trackingUri: "http://h", batch: { scheduleDelayMs: 0 } }).scheduleDelayMs).toBe(0);
    expect(message(() => resolveOptions({ trackingUri: "http://h", batch: { scheduleDelayMs: -5 } }))).toBe("batch.scheduleDelayMs: -5 is not a number >= 0.");
    expect(message(() => resolveOptions({ trackingUri: "http://h", batch: { scheduleDelayMs: "soon" as unknown as number } }))).toBe('batch.scheduleDelayMs: "soon" is not a number >= 0.');
  });
});
