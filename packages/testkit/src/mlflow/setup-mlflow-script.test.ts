import { spawnSync } from "node:child_process";
import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { findRepoRoot } from "./venv";

const root = findRepoRoot();
const script = join(root, "scripts", "setup-mlflow.sh");
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "kong-mlflow-setup-"));
  dirs.push(dir);
  return dir;
}

/** A Python 3.9: pyenv's when present, else a stand-in that answers like one. */
function python39(): string {
  const pyenv = "/root/.pyenv/versions/3.9.18/bin/python";
  if (existsSync(pyenv)) return pyenv;
  const shim = join(tempDir(), "python3.9");
  writeFileSync(shim, `#!/bin/sh\nif [ "$1" = "--version" ]; then echo "Python 3.9.18"; exit 0; fi\nexit 1\n`);
  chmodSync(shim, 0o755);
  return shim;
}

function runSetup(env: Record<string, string>) {
  const started = Date.now();
  const result = spawnSync("bash", [script], { env: { PATH: process.env.PATH ?? "", ...env }, encoding: "utf8", timeout: 30_000 });
  return { ...result, ms: Date.now() - started };
}

describe("scripts/setup-mlflow.sh", () => {
  it("refuses Python < 3.10 at once, saying what to do, and creates nothing", () => {
    const venv = join(tempDir(), "venv");
    const r = runSetup({ PYTHON: python39(), KONG_MLFLOW_VENV: venv });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/Python 3\.9\.\d+ at .* is too old: mlflow 3\.17 needs Python >= 3\.10/);
    expect(r.stderr).toMatch(/set PYTHON=/);
    expect(r.ms).toBeLessThan(5_000);
    expect(existsSync(venv)).toBe(false);
  });

  it("says so when PYTHON names no interpreter", () => {
    const r = runSetup({ PYTHON: "/nonexistent/python3.12", KONG_MLFLOW_VENV: join(tempDir(), "venv") });
    expect(r.status).toBe(1);
    expect(r.stderr).toMatch(/'\/nonexistent\/python3\.12' not found/);
  });
});

describe("tools/mlflow/constraints.txt", () => {
  /** The pins that apply on Python `line` ("3.10" or "3.11"), by normalised name. */
  function pinsFor(line: "3.10" | "3.11"): Map<string, string[]> {
    const pins = new Map<string, string[]>();
    for (const raw of readFileSync(join(root, "tools", "mlflow", "constraints.txt"), "utf8").split("\n")) {
      const text = raw.trim();
      if (text === "" || text.startsWith("#")) continue;
      const m = /^([A-Za-z0-9_.-]+)==(\S+?)\s*(?:;\s*python_version\s*(>=|<)\s*"3\.11")?$/.exec(text);
      expect(m, `unexpected line: ${text}`).not.toBeNull();
      const [, name, version, op] = m!;
      const applies = op === undefined || (op === ">=") === (line === "3.11");
      if (!applies) continue;
      const key = name!.toLowerCase().replace(/[-_.]+/g, "-");
      pins.set(key, [...(pins.get(key) ?? []), version!]);
    }
    return pins;
  }

  it("pins every package exactly once for Python 3.10 and for 3.11+, with mlflow the same on both", () => {
    for (const line of ["3.10", "3.11"] as const) {
      const pins = pinsFor(line);
      for (const [name, versions] of pins) expect(versions, `${name} on ${line}`).toHaveLength(1);
      expect(pins.get("mlflow")).toEqual(["3.17.2"]);
    }
    // the packages that forced a second set: their 3.11 pins do not install on 3.10
    expect(pinsFor("3.10").get("numpy")![0]!.startsWith("2.2.")).toBe(true);
    expect(pinsFor("3.11").get("numpy")![0]!.startsWith("2.4.")).toBe(true);
  });
});
