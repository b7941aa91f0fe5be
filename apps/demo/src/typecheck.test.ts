import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const demoDir = resolve(fileURLToPath(new URL("..", import.meta.url)));

describe("the demo's sources", () => {
  it("typecheck, every scenario variant the docs include among them", () => {
    const tsc = resolve(demoDir, "../../node_modules/typescript/bin/tsc");
    const result = spawnSync(process.execPath, [tsc, "--noEmit", "-p", "tsconfig.json"], { cwd: demoDir, encoding: "utf8" });
    expect(`${result.stdout}${result.stderr}`).toBe("");
    expect(result.status).toBe(0);
  }, 120_000);
});
