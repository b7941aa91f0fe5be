import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, inject, it } from "vitest";
import { MlflowServerStartError } from "./errors";
import { getFreePort } from "./free-port";
import { processGroupMembers } from "./process-group";
import { startMlflowServer, stopAll } from "./start-mlflow-server";

const tmp = mkdtempSync(join(tmpdir(), "kong-start-test-"));
afterAll(async () => {
  await stopAll();
  rmSync(tmp, { recursive: true, force: true });
});

function pidExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code !== "ESRCH";
  }
}

/** Pids of live processes whose command line has `--port <port>` (an mlflow server or its uvicorn worker). */
function processesOnPort(port: string): number[] {
  const pids: number[] = [];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const args = readFileSync(`/proc/${entry}/cmdline`, "utf8").split("\0");
      const i = args.indexOf("--port");
      if (i >= 0 && args[i + 1] === port) pids.push(Number(entry));
    } catch {
      // gone
    }
  }
  return pids;
}

async function expectStartError(promise: Promise<unknown>): Promise<MlflowServerStartError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MlflowServerStartError);
  return err as MlflowServerStartError;
}

describe("startMlflowServer", () => {
  it("the run's shared server (global setup) is up", async () => {
    const uri = inject("mlflowTrackingUri");
    const res = await fetch(`${uri}/health`);
    expect(res.status).toBe(200);
    expect(inject("mlflowVersion")).toMatch(/^\d+\.\d+\.\d+/);
  });

  it("starts a server, and stop() leaves no process behind", { timeout: 120_000 }, async () => {
    const server = await startMlflowServer();
    try {
      expect(server.trackingUri).toBe(`http://127.0.0.1:${server.port}`);
      expect(server.version).toMatch(/^\d+\.\d+\.\d+/);
      expect(existsSync(join(server.workDir, "mlflow.db"))).toBe(true);
      const health = await fetch(`${server.trackingUri}/health`);
      expect(await health.text()).toBe("OK");
      // `mlflow server` plus its uvicorn worker, in one process group led by server.pid.
      const members = processGroupMembers(server.pid);
      expect(members).toContain(server.pid);
      expect(members.length).toBeGreaterThanOrEqual(2);
    } finally {
      await server.stop();
    }
    expect(processGroupMembers(server.pid)).toEqual([]);
    expect(pidExists(server.pid)).toBe(false);
    expect(existsSync(server.workDir)).toBe(false);
    await expect(fetch(`${server.trackingUri}/health`)).rejects.toThrow();
    await server.stop(); // idempotent
  });

  it("fails fast, naming scripts/setup-mlflow.sh, when the venv is missing", async () => {
    const started = Date.now();
    const err = await expectStartError(startMlflowServer({ venvDir: join(tmp, "no-such-venv") }));
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(err.reason).toBe("venv-missing");
    expect(err.message).toContain("scripts/setup-mlflow.sh");
    expect(err.message).toContain(join(tmp, "no-such-venv"));
  });

  it("fails fast with a clear error when the port is taken", async () => {
    const port = await getFreePort();
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(port, "127.0.0.1", r));
    try {
      const started = Date.now();
      const err = await expectStartError(startMlflowServer({ port }));
      expect(Date.now() - started).toBeLessThan(2_000);
      expect(err.reason).toBe("port-in-use");
      expect(err.message).toMatch(new RegExp(`port ${port} on 127\\.0\\.0\\.1 is already in use`));
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it("fails fast with the server's last output lines when it exits early", { timeout: 60_000 }, async () => {
    const started = Date.now();
    const err = await expectStartError(startMlflowServer({ extraArgs: ["--no-such-flag"], startTimeoutMs: 50_000 }));
    expect(Date.now() - started).toBeLessThan(30_000);
    expect(err.reason).toBe("exited");
    expect(err.message).toMatch(/exited early \(exit code 2/);
    expect(err.outputTail).toMatch(/No such option:? '?--no-such-flag/);
    expect(err.message).toContain("last lines of mlflow server output");
    const port = /--port (\d+)/.exec(err.message)![1]!;
    expect(processesOnPort(port)).toEqual([]);
  });

  it("times out with a clear error and kills what it started", { timeout: 60_000 }, async () => {
    const err = await expectStartError(startMlflowServer({ startTimeoutMs: 300 }));
    expect(err.reason).toBe("timeout");
    const m = /did not answer GET http:\/\/127\.0\.0\.1:(\d+)\/health within 300 ms/.exec(err.message);
    expect(m).not.toBeNull();
    expect(processesOnPort(m![1]!)).toEqual([]);
  });
});
