import { getExperimentByName, mlflowRequest, searchTraces } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { flushTraces, getExportDiagnostics, init, setLogger, trace } from "./index";
import { builtNodePackage, removeBuiltPackageCopies } from "./testing/built-package";
import { runScript } from "./testing/child-script";

/**
 * `experimentName` names an experiment that may not exist yet: it is created
 * on first export, as Python's `mlflow.set_experiment` does, and processes
 * racing to create it end up sharing one experiment.
 */
const trackingUri = inject("mlflowTrackingUri");
const unique = (prefix: string) => `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2)}`;

/** Every experiment (active or not) whose name is exactly `name`. */
async function experimentsNamed(name: string): Promise<{ experiment_id: string; lifecycle_stage?: string }[]> {
  const res = await mlflowRequest<{ experiments?: { experiment_id: string; name: string; lifecycle_stage?: string }[] }>(
    trackingUri,
    "POST",
    "/api/2.0/mlflow/experiments/search",
    { filter: `name = '${name}'`, max_results: 100, view_type: "ALL" },
  );
  return (res?.experiments ?? []).filter((e) => e.name === name);
}

describe("experimentName that does not exist yet", () => {
  it("is created on first export and receives the traces", async () => {
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    try {
      const name = unique("created-by-name");
      expect(await getExperimentByName(trackingUri, name)).toBeUndefined();
      init({ trackingUri, experimentName: name, shutdownFlushTimeoutMs: false, batch: { scheduleDelayMs: 10 } });
      const answer = trace(async (q: string) => `answer to ${q}`, { name: "answer" });
      expect(await answer("a")).toBe("answer to a");
      await flushTraces(10_000);
      const experiment = await getExperimentByName(trackingUri, name);
      expect(experiment?.lifecycle_stage).toBe("active");
      expect(await experimentsNamed(name)).toHaveLength(1);
      const traces = await searchTraces(trackingUri, { experimentIds: [experiment!.experiment_id] });
      expect(traces).toHaveLength(1);
      expect(getExportDiagnostics()).toMatchObject({ exported: 1, failed: 0 });
      expect(warnings).toEqual([]);
    } finally {
      setLogger(undefined);
    }
  });

  describe("several processes racing to create it", () => {
    let packageEntry: string;
    beforeAll(() => {
      packageEntry = builtNodePackage();
    }, 240_000);
    afterAll(() => removeBuiltPackageCopies());

    it("end up with one experiment holding every process's trace", async () => {
      const name = unique("raced-by-name");
      const processes = 4;
      // All children start their first export at the same wall-clock moment.
      const startAt = Date.now() + 1_500;
      const source = `
        import { init, trace, updateCurrentTrace, flushTraces, getExportDiagnostics } from NODE_PACKAGE;
        init({ shutdownFlushTimeoutMs: false, batch: { scheduleDelayMs: 0 } });
        const work = trace({ name: "racer" }, async (who) => {
          updateCurrentTrace({ tags: { racer: who } });
          return who;
        });
        await new Promise((r) => setTimeout(r, Math.max(0, ${startAt} - Date.now())));
        await work(process.env.RACER);
        await flushTraces(15_000);
        console.log("result " + JSON.stringify(getExportDiagnostics()));
      `;
      const children = Array.from({ length: processes }, (_, i) =>
        runScript(source, {
          packageEntry,
          env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_NAME: name, RACER: `racer-${i}` },
          timeoutMs: 30_000,
        }),
      );
      const exits = await Promise.all(children.map((c) => c.exit));
      for (const exit of exits) {
        expect(exit, exit.stderr).toMatchObject({ code: 0, killed: false });
        const result = JSON.parse(exit.stdout.split("\n").find((l) => l.startsWith("result "))!.slice("result ".length));
        expect(result).toMatchObject({ exported: 1, failed: 0, queued: 0 });
      }
      const experiments = await experimentsNamed(name);
      expect(experiments).toHaveLength(1);
      const traces = await searchTraces(trackingUri, { experimentIds: [experiments[0]!.experiment_id] });
      expect(traces.map((t) => t.tags?.racer).sort()).toEqual(Array.from({ length: processes }, (_, i) => `racer-${i}`));
    }, 60_000);
  });
});

