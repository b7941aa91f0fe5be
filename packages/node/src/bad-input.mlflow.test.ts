import { createExperiment, getFreePort, mlflowRequest } from "@kong-mlflow/testkit";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { ConfigurationError, SpanType, flushTraces, getExportDiagnostics, init, setLogger, trace, withSpan } from "./index";

/**
 * What `init()` does with bad input, against the real MLflow server: a
 * malformed setting throws a typed error naming it; an experiment or server
 * that is not there is reported once, in the background, and never reaches
 * user code.
 */
const trackingUri = inject("mlflowTrackingUri");
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2)}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

let warnings: string[];
beforeEach(() => {
  warnings = [];
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(`error: ${m}`) });
});
afterEach(() => {
  setLogger(undefined);
  vi.unstubAllEnvs();
});

/** What `fn` threw (fails the test when it returned). */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (error) {
    return error;
  }
  throw new Error("expected a throw");
}

/** Waits for the background check of `init()` to say something, then a little more, so a second warning would show. */
async function settledWarnings(min = 1): Promise<string[]> {
  await vi.waitFor(() => expect(warnings.length).toBeGreaterThanOrEqual(min), { timeout: 10_000 });
  await sleep(300);
  return warnings;
}

/** A warning is one line of text, not a stack trace or a bare fetch error. */
function expectReadable(warning: string): void {
  expect(warning).not.toMatch(/\n\s+at /);
  expect(warning).not.toMatch(/^TypeError|: fetch failed$/);
}

const options = { shutdownFlushTimeoutMs: false as const, batch: { scheduleDelayMs: 10 } };

describe("init() with a malformed setting throws a ConfigurationError naming it", () => {
  it.each([
    ["trackingUri", { trackingUri: "not a url" }, /trackingUri: "not a url" is not a valid URL/],
    ["trackingUri", { trackingUri: "ftp://127.0.0.1:5000" }, /http:\/\/ or https:\/\//],
    ["trackingUri", { trackingUri: `${trackingUri}?x=1` }, /query or fragment/],
    ["experimentId", { trackingUri, experimentId: "12; DROP" }, /not a valid MLflow experiment id/],
  ])("option %s: %j", (setting, bad, message) => {
    const error = thrown(() => init({ ...bad, ...options }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).setting).toBe(setting);
    expect((error as Error).message).toMatch(message);
  });

  it.each([
    ["MLFLOW_TRACKING_URI", { MLFLOW_TRACKING_URI: "localhost:5000x" }],
    ["MLFLOW_TRACKING_URI", { MLFLOW_TRACKING_URI: "http//127.0.0.1:5000" }],
    ["MLFLOW_EXPERIMENT_ID", { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_ID: "../1" }],
  ])("environment variable %s: %j", (setting, env) => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "");
    for (const [k, v] of Object.entries(env)) vi.stubEnv(k, v);
    const error = thrown(() => init(options));
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect((error as ConfigurationError).setting).toBe(setting);
    expect((error as Error).message.startsWith(`${setting}: `)).toBe(true);
  });

  it("no tracking URI at all names both the option and the variable", () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", "");
    const error = thrown(() => init(options)) as ConfigurationError;
    expect(ConfigurationError.isInstance(error)).toBe(true);
    expect(error.message).toMatch(/trackingUri/);
    expect(error.message).toMatch(/MLFLOW_TRACKING_URI/);
  });

  it("a rejected init() leaves the previous configuration working", async () => {
    const experimentId = await createExperiment(trackingUri, unique("bad-input-previous"));
    init({ trackingUri, experimentId, ...options });
    expect(() => init({ trackingUri: "nope", ...options })).toThrow(ConfigurationError);
    const before = getExportDiagnostics().exported;
    await trace(async () => "still traced", { name: "after-bad-init" })();
    await flushTraces(10_000);
    expect(getExportDiagnostics().exported).toBe(before + 1);
    expect(warnings).toEqual([]);
  });
});

describe("init() with an experiment that is not usable warns once, naming the setting", () => {
  it("an experiment id that does not exist: one warning naming experimentId / MLFLOW_EXPERIMENT_ID", async () => {
    const missing = String(900_000_000 + Math.floor(Math.random() * 1_000_000));
    init({ trackingUri, experimentId: missing, ...options });
    const said = await settledWarnings();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^experimentId \/ MLFLOW_EXPERIMENT_ID: /);
    expect(said[0]).toContain(`"${missing}" does not exist on ${trackingUri}`);
  });

  it("the same, given by MLFLOW_EXPERIMENT_ID", async () => {
    const missing = String(800_000_000 + Math.floor(Math.random() * 1_000_000));
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    vi.stubEnv("MLFLOW_EXPERIMENT_ID", missing);
    init(options);
    const said = await settledWarnings();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/MLFLOW_EXPERIMENT_ID/);
    expect(said[0]).toContain(`"${missing}"`);
  });

  it("a deleted experiment, by id: one warning saying so", async () => {
    const experimentId = await createExperiment(trackingUri, unique("bad-input-deleted-id"));
    await mlflowRequest(trackingUri, "POST", "/api/2.0/mlflow/experiments/delete", { experiment_id: experimentId });
    init({ trackingUri, experimentId, ...options });
    const said = await settledWarnings();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/^experimentId \/ MLFLOW_EXPERIMENT_ID: /);
    expect(said[0]).toContain(`"${experimentId}" is deleted`);
  });

  it("a deleted experiment, by name: one warning naming experimentName (not a connection problem), also when traces are sent", async () => {
    const name = unique("bad-input-deleted-name");
    const experimentId = await createExperiment(trackingUri, name);
    await mlflowRequest(trackingUri, "POST", "/api/2.0/mlflow/experiments/delete", { experiment_id: experimentId });
    init({ trackingUri, experimentName: name, ...options });
    expect(await trace(async (x: number) => x + 1, { name: "into-deleted" })(1)).toBe(2);
    await flushTraces(5_000);
    const said = await settledWarnings();
    expect(said).toHaveLength(1);
    expect(said[0]).toMatch(/experimentName: experiment "/);
    expect(said[0]).toContain(`"${name}" is deleted`);
    expect(said[0]).not.toMatch(/cannot reach/);
    expect(getExportDiagnostics()).toMatchObject({ failed: 1, exported: 0, queued: 0 });
  });
});

describe("init() with an unreachable MLflow (a closed loopback port)", () => {
  it("warns once, naming the tracking URI; traced code returns and throws as usual; flushTraces() resolves", async () => {
    const deadUri = `http://127.0.0.1:${await getFreePort()}`;
    init({ trackingUri: deadUri, experimentId: "0", ...options, batch: { scheduleDelayMs: 10, retryBaseDelayMs: 50, retryMaxDelayMs: 100 } });
    const add = trace(async (a: number, b: number) => a + b, { name: "add", spanType: SpanType.TOOL });
    const failure = new Error("user failure");
    expect(await add(2, 3)).toBe(5);
    expect(withSpan(() => "sync value", { name: "sync" })).toBe("sync value");
    await expect(trace(async () => Promise.reject(failure), { name: "fails" })()).rejects.toBe(failure);

    const started = Date.now();
    await expect(flushTraces(300)).resolves.toBeUndefined();
    expect(Date.now() - started).toBeLessThan(2_000);
    await flushTraces(200);
    await settledWarnings();

    const aboutServer = warnings.filter((w) => w.includes(deadUri));
    expect(aboutServer, warnings.join("\n")).toHaveLength(1);
    expect(aboutServer[0]).toMatch(/^trackingUri \/ MLFLOW_TRACKING_URI: cannot reach MLflow at http:\/\/127\.0\.0\.1:\d+ \(connect ECONNREFUSED/);
    for (const w of warnings) expectReadable(w);
    // besides it, at most the one notice that a flush ran out of time
    expect(warnings.filter((w) => !w.includes(deadUri)).every((w) => w.startsWith("flush timed out"))).toBe(true);
    expect(warnings.length).toBeLessThanOrEqual(2);
    const d = getExportDiagnostics();
    expect(d).toMatchObject({ enqueued: 3, exported: 0, failed: 0 });
    expect(d.queued + d.inFlight).toBe(3); // kept for when MLflow answers
    expect(d.retried).toBeLessThan(40); // paced by the backoff, not a tight loop
  });
});
