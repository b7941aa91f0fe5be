import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, inject, it } from "vitest";
import type { BenchReport } from "./report";

declare module "vitest" {
  interface ProvidedContext {
    mlflowTrackingUri: string;
  }
}

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL("..", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "kong-mlflow-bench-"));

afterAll(() => rmSync(out, { recursive: true, force: true }));

/**
 * The bench runs end to end with tiny counts (`--smoke`) against the test
 * MLflow: every phase, every variant, and both reports come out. It checks
 * that the suite works, never how fast anything is.
 */
describe("bench --smoke", () => {
  it("runs every phase and writes latest.json and latest.md", async () => {
    await run(process.execPath, [join(benchDir, "../../node_modules/tsup/dist/cli-default.js")], { cwd: benchDir });
    await run(process.execPath, [join(benchDir, "dist/main.js"), "--smoke", "--mlflow-uri", inject("mlflowTrackingUri"), "--out", out], {
      cwd: benchDir,
      timeout: 240_000,
      maxBuffer: 8 << 20,
    });
    const report = JSON.parse(readFileSync(join(out, "latest.json"), "utf8")) as BenchReport;
    for (const v of ["raw", "raw-aa", "als-only", "kong-mlflow", "langfuse", "openinference"] as const) {
      expect(report.calls[v]?.calls, v).toBeGreaterThan(0);
      expect(report.streams[v]?.streams, v).toBeGreaterThan(0);
      expect(report.isolated?.calls[v]?.calls, v).toBeGreaterThan(0);
    }
    const traced = (report.workers as Record<string, { tracesByRun: Array<{ exported?: number; failed?: number }> }>)["kong-mlflow"]!;
    expect(traced.tracesByRun[0]!.exported).toBeGreaterThan(0);
    expect(traced.tracesByRun[0]!.failed).toBe(0);
    expect(report.export!.throughput.every((t) => t.exported === t.count)).toBe(true);
    expect(report.bundles!.filter((b) => b.name.startsWith("@kong-mlflow/edge") && b.ok)).toHaveLength(2);
    expect(report.imports!.length).toBeGreaterThan(0);
    expect(report.profiles!.map((p) => p.name)).toEqual(["calls", "streams"]);
    expect(report.goals).toHaveLength(4);
    expect(readFileSync(join(out, "latest.md"), "utf8")).toContain("## Goals");
  }, 300_000);
});
