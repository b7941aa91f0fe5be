import { createExperiment, mlflowRequest } from "@kong-mlflow/testkit";
import { afterEach, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { type TracingOptions, flushTraces, getExportDiagnostics, init, setLogger, trace, withSpan } from "./index";

/**
 * The real MLflow server refuses traces (4xx): each refusal is counted in
 * `getExportDiagnostics().failed`, reported once with the server's own
 * message, never retried, and never reaches user code. On both transports.
 */
const trackingUri = inject("mlflowTrackingUri");
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2)}`;

let warnings: string[];
beforeEach(() => {
  warnings = [];
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(`error: ${m}`) });
});
afterEach(() => setLogger(undefined));

const double = trace(async (n: number) => n * 2, { name: "double" });
const failure = new RangeError("the app's own failure");
const failing = trace(
  () => {
    throw failure;
  },
  { name: "failing" },
);

/** Five traces in three batches: three async, one sync, one that throws its own error. */
async function traceFive(): Promise<void> {
  for (let n = 0; n < 3; n++) expect(await double(n)).toBe(n * 2);
  expect(withSpan(() => "sync", { name: "sync" })).toBe("sync");
  expect(() => failing()).toThrow(failure);
}

function initInto(experimentId: string, transport: NonNullable<TracingOptions["transport"]>): void {
  init({ trackingUri, experimentId, transport, shutdownFlushTimeoutMs: false, batch: { maxBatchSize: 2, scheduleDelayMs: 10 } });
}

/** Waits until `init()`'s background check and every export are done. */
async function settle(): Promise<void> {
  await flushTraces(10_000);
  await vi.waitFor(() => expect(warnings.length).toBeGreaterThanOrEqual(1), { timeout: 10_000 });
  await new Promise((r) => setTimeout(r, 300));
}

describe.each(["otlp", "native"] as const)("MLflow refuses the traces (%s transport)", (transport) => {
  it("an experiment id that does not exist: all 5 counted as failed, the server's message said once", async () => {
    const missing = String(700_000_000 + Math.floor(Math.random() * 1_000_000));
    initInto(missing, transport);
    await traceFive();
    await settle();

    const serverMessage = `No Experiment with id=${missing} exists`;
    const d = getExportDiagnostics();
    expect(d).toMatchObject({ enqueued: 5, exported: 0, failed: 5, retried: 0, queued: 0, inFlight: 0 });
    expect(d.lastError).toContain(serverMessage);
    const refusals = warnings.filter((w) => w.includes(serverMessage));
    expect(refusals, warnings.join("\n")).toHaveLength(1);
    expect(refusals[0]).toMatch(/answered 404: /);
    // the only other warning is init()'s own check, naming the setting
    expect(warnings.filter((w) => !w.includes(serverMessage))).toEqual([
      `experimentId / MLFLOW_EXPERIMENT_ID: experiment "${missing}" does not exist on ${trackingUri}; traces sent to it will be refused.`,
    ]);

    // more traces to the same refusing experiment: counted, not said again
    await traceFive();
    await flushTraces(10_000);
    expect(getExportDiagnostics()).toMatchObject({ enqueued: 10, failed: 10, exported: 0 });
    expect(warnings.filter((w) => w.includes(serverMessage))).toHaveLength(1);
  });

  it("a deleted experiment: init() says it is deleted; what the server then does is counted honestly", async () => {
    const experimentId = await createExperiment(trackingUri, unique(`rejected-deleted-${transport}`));
    await mlflowRequest(trackingUri, "POST", "/api/2.0/mlflow/experiments/delete", { experiment_id: experimentId });
    initInto(experimentId, transport);
    await traceFive();
    await settle();

    const deleted = warnings.filter((w) => w.includes(`experiment "${experimentId}" is deleted`));
    expect(deleted, warnings.join("\n")).toHaveLength(1);
    expect(deleted[0]).toMatch(/^experimentId \/ MLFLOW_EXPERIMENT_ID: /);
    const d = getExportDiagnostics();
    if (transport === "native") {
      // StartTraceV3 refuses: 400 "The experiment N must be in the 'active' state"
      expect(d).toMatchObject({ enqueued: 5, exported: 0, failed: 5, retried: 0, queued: 0 });
      const refusals = warnings.filter((w) => w.includes("must be in the 'active' state"));
      expect(refusals, warnings.join("\n")).toHaveLength(1);
      expect(refusals[0]).toMatch(/answered 400: /);
      expect(warnings).toHaveLength(2);
    } else {
      // MLflow 3.17's OTLP endpoint stores traces into a deleted experiment; init()'s warning is all we can say
      expect(d).toMatchObject({ enqueued: 5, exported: 5, failed: 0, queued: 0 });
      expect(warnings).toHaveLength(1);
    }
  });
});
