import type { RuntimeName } from "../scenarios/catalog";
import { nodeRuntime } from "./node-runtime";
import type { ScenarioRuntime } from "./scenario-runtime";

/**
 * The runtimes the demo can run scenarios in. Edge workers and browsers
 * plug in here once `@kong-mlflow/edge` (issue 4) has its worker API: a
 * runtime that loads `scenarios/edge/*.ts` into a worker (miniflare) or a
 * page (headless Chromium) and reports each trace id back.
 */
const RUNTIMES: Partial<Record<RuntimeName, () => ScenarioRuntime>> = {
  node: nodeRuntime,
};

/** Creates the named runtime; throws when the demo has none of that name yet. */
export function createRuntime(name: RuntimeName): ScenarioRuntime {
  const make = RUNTIMES[name];
  if (!make) throw new Error(`the ${name} runtime is not in the demo yet (available: ${Object.keys(RUNTIMES).join(", ")}).`);
  return make();
}
