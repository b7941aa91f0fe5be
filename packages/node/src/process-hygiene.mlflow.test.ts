import { createServer } from "node:http";
import type { Socket } from "node:net";
import { createExperiment, getFreePort, searchTraces } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { builtNodePackage, removeBuiltPackageCopies } from "./testing/built-package";
import { runScript } from "./testing/child-script";

/**
 * Process hygiene of the BUILT package, in real child processes: a script
 * that ends exits on its own with its traces delivered, SIGTERM flushes and
 * keeps the signal's meaning, an app's own SIGTERM handler stays in charge,
 * and a dead MLflow causes no unhandled rejection.
 */
const trackingUri = inject("mlflowTrackingUri");
let packageEntry: string;
let experimentId: string;

beforeAll(async () => {
  packageEntry = builtNodePackage();
  experimentId = await createExperiment(trackingUri, `process-hygiene-${Date.now()}-${Math.random().toString(16).slice(2)}`);
}, 240_000);
afterAll(() => removeBuiltPackageCopies());

/**
 * A script that traces `calls` calls tagged `run`. Export waits for a
 * minute-long batch delay, so only a shutdown flush can deliver the traces.
 */
function tracingScript(run: string, calls: number, tail: string): string {
  return `
    import { init, trace, updateCurrentTrace, getExportDiagnostics, flushTraces } from NODE_PACKAGE;
    init({ shutdownFlushTimeoutMs: Number(process.env.FLUSH_MS ?? 5000), batch: { scheduleDelayMs: 60_000 } });
    const step = trace({ name: "step" }, async (n) => {
      updateCurrentTrace({ tags: { run: ${JSON.stringify(run)} } });
      await new Promise((r) => setTimeout(r, 1));
      return n * 2;
    });
    for (let n = 0; n < ${calls}; n++) if ((await step(n)) !== n * 2) throw new Error("traced function changed its result");
    ${tail}
  `;
}

const runId = (name: string) => `${name}-${Date.now()}-${Math.random().toString(16).slice(2)}`;

async function tracesOfRun(run: string) {
  return searchTraces(trackingUri, { experimentIds: [experimentId], filter: `tag.run = '${run}'` });
}

describe("process hygiene of the built @kong-mlflow/node in child processes", () => {
  it("a script that simply ends exits on its own within a few seconds, and its traces are in MLflow", async () => {
    const run = runId("ends");
    const script = runScript(tracingScript(run, 3, `console.log("done " + getExportDiagnostics().queued);`), {
      packageEntry,
      env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_ID: experimentId },
      timeoutMs: 20_000,
    });
    await script.waitForLine(/^done 3$/); // still queued when the script's own work ended
    const doneAt = Date.now();
    const exit = await script.exit;
    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null, killed: false });
    expect(exit.exitedAt - doneAt).toBeLessThan(8_000); // a ref'd timer would hold it for the 60 s batch delay
    expect(exit.stderr).toBe("");
    expect(await tracesOfRun(run)).toHaveLength(3);
  });

  it("a script that flushes and ends exits at once: the kept-alive connection to MLflow does not hold it", async () => {
    const run = runId("keep-alive");
    const script = runScript(tracingScript(run, 3, `await flushTraces(); console.log("flushed " + getExportDiagnostics().exported);`), {
      packageEntry,
      env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_ID: experimentId },
      timeoutMs: 20_000,
    });
    await script.waitForLine(/^flushed 3$/);
    const flushedAt = Date.now();
    const exit = await script.exit;
    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null, killed: false });
    // MLflow keeps an idle connection open for 5 s: a ref'd keep-alive socket would hold the process that long
    expect(exit.exitedAt - flushedAt).toBeLessThan(2_000);
  });

  it("SIGTERM with no handler of the app's: traces are flushed, then the process dies of SIGTERM", async () => {
    const run = runId("sigterm");
    const script = runScript(tracingScript(run, 3, `setInterval(() => {}, 1000); console.log("ready " + getExportDiagnostics().queued);`), {
      packageEntry,
      env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_ID: experimentId },
      timeoutMs: 20_000,
    });
    await script.waitForLine(/^ready 3$/);
    const sentAt = Date.now();
    script.child.kill("SIGTERM");
    const exit = await script.exit;
    expect(exit, exit.stderr).toMatchObject({ code: null, signal: "SIGTERM", killed: false });
    expect(exit.exitedAt - sentAt).toBeLessThan(8_000); // shutdownFlushTimeoutMs (5 s) + margin
    expect(await tracesOfRun(run)).toHaveLength(3);
  });

  it("SIGTERM with the app's own handler: our hook flushes but leaves exiting to the app", async () => {
    const run = runId("app-handler");
    const tail = `
      const keepAlive = setInterval(() => {}, 1000);
      process.on("SIGTERM", () => {
        console.log("app got SIGTERM");
        // the app shuts down in its own time; meanwhile the traces should land
        setTimeout(() => {
          console.log("app exits " + JSON.stringify(getExportDiagnostics()));
          clearInterval(keepAlive);
        }, 1500);
      });
      console.log("ready " + getExportDiagnostics().queued);
    `;
    const script = runScript(tracingScript(run, 2, tail), {
      packageEntry,
      env: { MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_ID: experimentId },
      timeoutMs: 20_000,
    });
    await script.waitForLine(/^ready 2$/);
    script.child.kill("SIGTERM");
    const exit = await script.exit;
    expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null, killed: false }); // the app's handler decided
    const lines = script.lines();
    expect(lines).toContain("app got SIGTERM");
    const summary = JSON.parse(lines.find((l) => l.startsWith("app exits "))!.slice("app exits ".length));
    expect(summary).toMatchObject({ exported: 2, queued: 0, inFlight: 0 }); // flushed while the app was still running
    expect(await tracesOfRun(run)).toHaveLength(2);
  });

  it("MLflow down: no unhandled rejection (strict mode), exit code 0, and the exit is bounded by shutdownFlushTimeoutMs", async () => {
    const deadUri = `http://127.0.0.1:${await getFreePort()}`;
    const envs: Record<string, string>[] = [
      { MLFLOW_TRACKING_URI: deadUri, MLFLOW_EXPERIMENT_ID: "0" },
      { MLFLOW_TRACKING_URI: deadUri, MLFLOW_EXPERIMENT_NAME: "never-created" }, // the experiment lookup fails too
    ];
    for (const env of envs) {
      const script = runScript(tracingScript("dead", 3, `console.log("done"); await flushTraces(200); console.log("flushed");`), {
        packageEntry,
        env: { ...env, FLUSH_MS: "1000" },
        nodeArgs: ["--unhandled-rejections=strict"],
        timeoutMs: 15_000,
      });
      await script.waitForLine(/^flushed$/);
      const flushedAt = Date.now();
      const exit = await script.exit;
      expect(exit, `${JSON.stringify(env)}\n${exit.stderr}`).toMatchObject({ code: 0, signal: null, killed: false });
      expect(exit.stderr).not.toMatch(/unhandled|Error:/i);
      expect(exit.exitedAt - flushedAt).toBeLessThan(1000 + 4_000); // shutdownFlushTimeoutMs + margin; it used to never exit
    }
  }, 60_000);

  it("MLflow takes the traces but never answers: the process ends when the shutdown flush runs out, its traces counted as failed", async () => {
    // answers the start-up questions (version, store, experiment), then hangs on every POST
    const sockets = new Set<Socket>();
    const stuck = createServer((req, res) => {
      if (req.method === "POST") return;
      const answers: Record<string, string> = { "/version": "3.17.2", "/api/3.0/mlflow/server-info": '{"store_type":"SqlStore"}' };
      res.end(answers[req.url!.split("?")[0]!] ?? '{"experiment":{"experiment_id":"0","lifecycle_stage":"active"}}');
    });
    stuck.on("connection", (socket) => sockets.add(socket));
    await new Promise<void>((resolve) => stuck.listen(0, "127.0.0.1", resolve));
    try {
      const uri = `http://127.0.0.1:${(stuck.address() as { port: number }).port}`;
      const tail = `process.on("exit", () => console.log("exit " + JSON.stringify(getExportDiagnostics()))); console.log("done");`;
      const script = runScript(tracingScript("stuck", 3, tail), {
        packageEntry,
        env: { MLFLOW_TRACKING_URI: uri, MLFLOW_EXPERIMENT_ID: "0", FLUSH_MS: "1000" },
        nodeArgs: ["--unhandled-rejections=strict"],
        timeoutMs: 20_000,
      });
      await script.waitForLine(/^done$/);
      const doneAt = Date.now();
      const exit = await script.exit;
      expect(exit, exit.stderr).toMatchObject({ code: 0, signal: null, killed: false });
      // the request's own timeout (requestTimeoutMs, 30 s) used to hold the process until then
      expect(exit.exitedAt - doneAt).toBeLessThan(1000 + 3_000);
      const summary = JSON.parse(script.lines().find((l) => l.startsWith("exit "))!.slice("exit ".length));
      expect(summary).toMatchObject({ enqueued: 3, exported: 0, failed: 3, queued: 0, inFlight: 0 });
      expect(exit.stderr).toMatch(/shutdown flush ran out/);
      expect(exit.stderr).not.toMatch(/unhandled/i);
    } finally {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => stuck.close(resolve));
    }
  }, 30_000);
});
