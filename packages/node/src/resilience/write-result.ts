import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { findRepoRoot } from "@kong-mlflow/testkit";

/**
 * Records a resilience test's figures in `.test-results/resilience.json`
 * (and prints them), so a run's numbers can be quoted and compared.
 */
export function writeResult(name: string, figures: Record<string, unknown>): void {
  const dir = join(findRepoRoot(), ".test-results");
  mkdirSync(dir, { recursive: true });
  const file = join(dir, "resilience.json");
  let all: Record<string, unknown> = {};
  try {
    all = JSON.parse(readFileSync(file, "utf8")) as Record<string, unknown>;
  } catch {
    // first result of the run
  }
  all[name] = { ...figures, at: new Date().toISOString() };
  writeFileSync(file, `${JSON.stringify(all, null, 2)}\n`);
  console.log(`[resilience] ${name}: ${JSON.stringify(figures)}`);
}
