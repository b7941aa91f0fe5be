import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { MlflowVenvMissingError } from "./errors";
import { assertMlflowVenv, findRepoRoot, MLFLOW_VENV_ENV, resolveMlflowVenv } from "./venv";

const tmp = mkdtempSync(join(tmpdir(), "kong-venv-test-"));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe("venv", () => {
  it("finds the repo root by pnpm-workspace.yaml, from any subdirectory", () => {
    const root = findRepoRoot();
    expect(findRepoRoot(join(root, "packages", "testkit", "src", "mlflow"))).toBe(root);
    expect(() => findRepoRoot(tmp)).toThrow(/pnpm-workspace\.yaml/);
  });

  it("defaults to <root>/.tools/mlflow-venv and honours KONG_MLFLOW_VENV", () => {
    expect(resolveMlflowVenv({})).toBe(join(findRepoRoot(), ".tools", "mlflow-venv"));
    expect(resolveMlflowVenv({ [MLFLOW_VENV_ENV]: "/opt/some-venv" })).toBe("/opt/some-venv");
  });

  it("explains how to create a missing venv", () => {
    const empty = join(tmp, "empty-venv");
    mkdirSync(empty);
    expect(() => assertMlflowVenv(empty)).toThrow(MlflowVenvMissingError);
    expect(() => assertMlflowVenv(empty)).toThrow(/scripts\/setup-mlflow\.sh/);
  });

  it("accepts the project venv", () => {
    const paths = assertMlflowVenv();
    expect(paths.mlflow).toMatch(/bin\/mlflow$/);
    expect(paths.python).toMatch(/bin\/python$/);
  });
});
