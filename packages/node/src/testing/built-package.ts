import { execFileSync, spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { findRepoRoot } from "@kong-mlflow/testkit";

/** Serialises builds started by tests (and by people sharing this tree). */
const BUILD_LOCK = "/tmp/kong-mlflow-build.lock";

/** Newest modification time (ms) of the non-test sources under `dir`. */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(path));
    else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) newest = Math.max(newest, statSync(path).mtimeMs);
  }
  return newest;
}

/** Why the build of `pkg` is missing or older than its sources, or undefined when it is fresh. */
function staleness(root: string, pkg: string): string | undefined {
  const entry = join(root, "packages", pkg, "dist", "index.js");
  if (!existsSync(entry)) return `${entry} is missing`;
  const built = statSync(entry).mtimeMs;
  const inputs = Math.max(newestSource(join(root, "packages", pkg, "src")), statSync(join(root, "packages", pkg, "tsup.config.ts")).mtimeMs);
  return inputs > built ? `${entry} is older than its sources` : undefined;
}

const snapshots = new Set<string>();

/** Removes the copies made by {@link builtNodePackage} (call it in `afterAll`). */
export function removeBuiltPackageCopies(): void {
  for (const dir of snapshots) rmSync(dir, { recursive: true, force: true });
  snapshots.clear();
}

/**
 * Copies the built core and node packages into a private `node_modules` (so a
 * build started meanwhile by another test file cannot pull `dist/` from under
 * the children), checks that the copy imports, and returns its node entry.
 */
function snapshot(root: string): string | undefined {
  const dir = mkdtempSync(join(tmpdir(), "kong-mlflow-built-"));
  snapshots.add(dir);
  try {
    for (const pkg of ["core", "node"]) {
      const to = join(dir, "node_modules", "@kong-mlflow", pkg);
      mkdirSync(to, { recursive: true });
      cpSync(join(root, "packages", pkg, "package.json"), join(to, "package.json"));
      cpSync(join(root, "packages", pkg, "dist"), join(to, "dist"), { recursive: true });
    }
  } catch {
    rmSync(dir, { recursive: true, force: true });
    return undefined; // dist/ changed while we copied it
  }
  const entry = join(dir, "node_modules", "@kong-mlflow", "node", "dist", "index.js");
  const check = spawnSync(process.execPath, ["--input-type=module", "-e", `await import(${JSON.stringify(pathToFileURL(entry).href)});`], { encoding: "utf8", timeout: 30_000 });
  if (check.status === 0) return entry;
  rmSync(dir, { recursive: true, force: true });
  return undefined;
}

/**
 * The path of a copy of the BUILT `@kong-mlflow/node` (`packages/node/dist`,
 * with the built core beside it), for tests that run it in child processes
 * the way an app would. When the build of core or node is missing or older
 * than its sources, builds both first (`pnpm turbo run build`, under a lock
 * shared with other test runs). `scripts/test.sh` builds before testing, so
 * in CI this finds a fresh build.
 */
export function builtNodePackage(): string {
  const root = findRepoRoot();
  for (let attempt = 1; ; attempt++) {
    buildIfStale(root);
    const entry = snapshot(root);
    if (entry) return entry;
    // caught a build of someone else's half-written: wait for it and try again
    if (attempt === 3) throw new Error("the built @kong-mlflow/node does not import (tried 3 times)");
    execFileSync("sleep", ["3"]);
  }
}

/** Builds core and node when either build is missing or older than its sources. */
function buildIfStale(root: string): void {
  if (staleness(root, "core") ?? staleness(root, "node")) {
    const pnpmBin = join(root, "tools", "pnpm", "node_modules", ".bin");
    // Checked again under the lock: another test file may have built it meanwhile.
    const script = `
      stale() {
        for pkg in core node; do
          entry=packages/$pkg/dist/index.js
          [ -f "$entry" ] || return 0
          [ -n "$(find packages/$pkg/src packages/$pkg/tsup.config.ts -name '*.ts' ! -name '*.test.ts' -newer "$entry" -print -quit)" ] && return 0
        done
        return 1
      }
      if stale; then exec pnpm turbo run build --filter=@kong-mlflow/core --filter=@kong-mlflow/node --output-logs=errors-only; fi`;
    execFileSync(
      "flock",
      [BUILD_LOCK, "bash", "-c", script],
      {
        cwd: root,
        env: { ...process.env, PATH: `${pnpmBin}:${process.env.PATH ?? ""}`, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 240_000,
      },
    );
  }
}
