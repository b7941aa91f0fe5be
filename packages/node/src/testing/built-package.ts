import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
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

/**
 * The path of the BUILT `@kong-mlflow/node` entry (`packages/node/dist/index.js`),
 * for tests that run it in child processes the way an app would. When the
 * build of core or node is missing or older than its sources, builds both
 * first (`pnpm turbo run build`, under a lock shared with other test runs).
 * `scripts/test.sh` builds before testing, so in CI this finds a fresh build.
 */
export function builtNodePackage(): string {
  const root = findRepoRoot();
  const stale = () => staleness(root, "core") ?? staleness(root, "node");
  if (stale()) {
    const pnpmBin = join(root, "tools", "pnpm", "node_modules", ".bin");
    execFileSync(
      "flock",
      [BUILD_LOCK, "pnpm", "turbo", "run", "build", "--filter=@kong-mlflow/core", "--filter=@kong-mlflow/node", "--output-logs=errors-only"],
      {
        cwd: root,
        env: { ...process.env, PATH: `${pnpmBin}:${process.env.PATH ?? ""}`, TURBO_TELEMETRY_DISABLED: "1", DO_NOT_TRACK: "1" },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 240_000,
      },
    );
    const still = stale();
    if (still) throw new Error(`built @kong-mlflow/node is still stale after building: ${still}`);
  }
  return join(root, "packages", "node", "dist", "index.js");
}
