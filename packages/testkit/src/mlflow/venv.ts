import { accessSync, constants, existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { MlflowVenvMissingError } from "./errors";

/** Env var that points at an MLflow virtualenv to use instead of `<repo root>/.tools/mlflow-venv`. */
export const MLFLOW_VENV_ENV = "KONG_MLFLOW_VENV";

/** Where `scripts/setup-mlflow.sh` puts the venv, relative to the repo root. */
export const DEFAULT_VENV_RELATIVE_PATH = join(".tools", "mlflow-venv");

/** The directory of this module, in ESM and in the CJS build (where `import.meta.url` is absent). */
function moduleDir(): string | undefined {
  if (typeof __dirname === "string") return __dirname;
  try {
    const url = import.meta.url;
    return url ? dirname(fileURLToPath(url)) : undefined;
  } catch {
    return undefined;
  }
}

function walkUpFor(start: string, marker: string): string | undefined {
  let dir = resolve(start);
  for (;;) {
    if (existsSync(join(dir, marker))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * Finds the monorepo root: the nearest directory containing `pnpm-workspace.yaml`, walking up
 * from `startDir` (default: the cwd, then this module's own directory).
 *
 * @throws Error when no such directory exists above either start point.
 */
export function findRepoRoot(startDir?: string): string {
  const starts = startDir ? [startDir] : [...new Set([process.cwd(), moduleDir()])].filter((d): d is string => !!d);
  for (const start of starts) {
    const root = walkUpFor(start, "pnpm-workspace.yaml");
    if (root) return root;
  }
  throw new Error(`Cannot find the repo root (no pnpm-workspace.yaml above ${starts.join(" or ")})`);
}

/**
 * The MLflow virtualenv directory: `$KONG_MLFLOW_VENV` if set, else
 * `<repo root>/.tools/mlflow-venv`. Does not check that it exists (see {@link assertMlflowVenv}).
 */
export function resolveMlflowVenv(env: NodeJS.ProcessEnv = process.env): string {
  const fromEnv = env[MLFLOW_VENV_ENV];
  if (fromEnv && fromEnv.trim() !== "") return resolve(fromEnv);
  return join(findRepoRoot(), DEFAULT_VENV_RELATIVE_PATH);
}

/** Paths of the executables inside an MLflow virtualenv. */
export interface MlflowVenvPaths {
  /** The venv directory. */
  venvDir: string;
  /** `<venv>/bin/mlflow`. */
  mlflow: string;
  /** `<venv>/bin/python`. */
  python: string;
}

/** The executable paths of `venvDir` (default {@link resolveMlflowVenv}), without checking them. */
export function mlflowVenvPaths(venvDir: string = resolveMlflowVenv()): MlflowVenvPaths {
  const dir = resolve(venvDir);
  return { venvDir: dir, mlflow: join(dir, "bin", "mlflow"), python: join(dir, "bin", "python") };
}

/**
 * Checks that the venv has executable `bin/mlflow` and `bin/python`, and returns their paths.
 *
 * @throws MlflowVenvMissingError naming `scripts/setup-mlflow.sh` when either is missing.
 */
export function assertMlflowVenv(venvDir: string = resolveMlflowVenv()): MlflowVenvPaths {
  const paths = mlflowVenvPaths(venvDir);
  for (const exe of [paths.mlflow, paths.python]) {
    try {
      accessSync(exe, constants.X_OK);
    } catch {
      throw new MlflowVenvMissingError(
        `MLflow virtualenv not found or incomplete: ${exe} is missing or not executable. ` +
          `Run scripts/setup-mlflow.sh from the repo root to create ${paths.venvDir}` +
          ` (or set ${MLFLOW_VENV_ENV} to an existing venv with mlflow installed).`,
      );
    }
  }
  return paths;
}
