import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = resolve(fileURLToPath(new URL("../../..", import.meta.url)));

/** A package this repository publishes (`packages/*` without `"private": true`). */
export interface PublishedPackage {
  name: string;
  version: string;
  dir: string;
}

/** Every published package, read from `packages/*`. */
export function publishedPackages(): PublishedPackage[] {
  return readdirSync(join(ROOT, "packages"), { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => join(ROOT, "packages", entry.name))
    .flatMap((dir) => {
      const pkg = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { name: string; version: string; private?: boolean };
      return pkg.private ? [] : [{ name: pkg.name, version: pkg.version, dir }];
    });
}

/** What a command did. */
export interface CommandResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr, for assertion messages. */
  output: string;
  ms: number;
}

/**
 * Runs a command without a shell, with the workspace's tools (its
 * node_modules/.bin and the pinned pnpm) first on PATH. Never rejects on a
 * non-zero exit; kills the command after `timeoutMs`.
 */
export function run(command: string, args: string[], options: { cwd: string; env?: Record<string, string | undefined>; timeoutMs?: number; input?: string }): Promise<CommandResult> {
  const path = [join(ROOT, "node_modules/.bin"), join(ROOT, "tools/pnpm/node_modules/.bin"), process.env.PATH].join(":");
  const started = Date.now();
  return new Promise((resolveRun, reject) => {
    const child = spawn(command, args, {
      cwd: options.cwd,
      env: { ...process.env, PATH: path, NO_COLOR: "1", FORCE_COLOR: "0", TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1", ...options.env },
      stdio: [options.input === undefined ? "ignore" : "pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout!.on("data", (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (stderr += d.toString()));
    if (options.input !== undefined) child.stdin!.end(options.input);
    const timer = setTimeout(() => child.kill("SIGKILL"), options.timeoutMs ?? 120_000);
    child.once("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      resolveRun({ code, stdout, stderr, output: `${stdout}\n${stderr}`.trim(), ms: Date.now() - started });
    });
  });
}

/** Builds every published package (turbo: a no-op replay when nothing changed). Throws with the build's output on failure. */
export async function buildPackages(): Promise<void> {
  const built = await run("pnpm", ["turbo", "run", "build", "--filter=./packages/*", "--output-logs=errors-only"], { cwd: ROOT, timeoutMs: 300_000 });
  if (built.code !== 0) throw new Error(`building the packages failed:\n${built.output}`);
}
