import { spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

const APP_DIR = resolve(fileURLToPath(new URL("../..", import.meta.url)));
const MAIN = join(APP_DIR, "dist", "main.js");

/** What a run of the built demo did. */
export interface DemoRun {
  code: number | null;
  stdout: string;
  stderr: string;
  ms: number;
}

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * Builds `apps/demo/dist/main.js` when it is missing or older than the
 * demo's sources (the packages' own builds are `scripts/bootstrap.sh`'s job).
 * Test helper.
 */
export function ensureDemoBuilt(): string {
  if (!existsSync(MAIN) || statSync(MAIN).mtimeMs < newestMtime(join(APP_DIR, "src"))) {
    const tsup = resolve(APP_DIR, "../../node_modules/.bin/tsup");
    const built = spawnSync(tsup, [], { cwd: APP_DIR, encoding: "utf8" });
    if (built.status !== 0) throw new Error(`building the demo failed:\n${built.stdout}\n${built.stderr}`);
  }
  return MAIN;
}

/**
 * Runs the built demo with `args`, in an environment without the outer
 * MLFLOW_TRACKING_URI / KONG_* settings, plus `env`. Kills it after
 * `timeoutMs`. Test helper.
 */
export function runDemo(args: string[], env: Record<string, string> = {}, timeoutMs = 150_000): Promise<DemoRun> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== "MLFLOW_TRACKING_URI" && !(k.startsWith("KONG_") && !k.startsWith("KONG_MLFLOW_")) && k !== "CI"));
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(process.execPath, [MAIN, ...args], { cwd: resolve(APP_DIR, "../.."), env: { ...clean, ...env }, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill("SIGINT"), timeoutMs);
    child.once("error", reject);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, ms: Date.now() - started });
    });
  });
}
