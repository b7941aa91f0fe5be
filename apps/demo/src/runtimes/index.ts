import type { RuntimeName } from "../scenarios/catalog";
import type { ScenarioRuntime } from "./scenario-runtime";

/**
 * The runtimes the demo can run scenarios in: Node (in this process), a
 * Cloudflare Worker (workerd through miniflare) and a browser page (headless
 * Chromium, behind a trace relay). Each is loaded on first use, so a run
 * that fails early never pays for miniflare or Chromium.
 */
const RUNTIMES: Partial<Record<RuntimeName, () => Promise<ScenarioRuntime>>> = {
  node: async () => (await import("./node-runtime")).nodeRuntime(),
  edge: async () => (await import("./edge-runtime")).edgeRuntime(),
  browser: async () => (await import("./browser-runtime")).browserRuntime(),
};

/** Throws when the demo has no runtime of that name yet. */
export function checkRuntime(name: RuntimeName): void {
  if (!RUNTIMES[name]) throw new Error(`the ${name} runtime is not in the demo yet (available: ${Object.keys(RUNTIMES).join(", ")}).`);
}

/** Creates the named runtime (see {@link checkRuntime}). */
export function createRuntime(name: RuntimeName): Promise<ScenarioRuntime> {
  checkRuntime(name);
  return RUNTIMES[name]!();
}
