import { configDefaults, defineConfig } from "vitest/config";
import { workspaceAlias } from "./vitest.aliases.ts";

const timeouts = { testTimeout: 30_000, hookTimeout: 60_000 };

/** Test files that must run in another runtime than Node: `x.edge-runtime.test.ts`, `x.browser.test.ts` (also `*.mlflow.test.ts`). */
const edgeRuntimeTests = "packages/*/src/**/*.edge-runtime.*test.ts";
const browserTests = "packages/*/src/**/*.browser.*test.ts";

/**
 * One vitest run for the whole workspace, in three projects:
 * - `node`: every other test file, in Node (workerd tests drive miniflare from here);
 * - `edge-runtime`: vitest's edge-runtime environment (Vercel's Edge Runtime globals);
 * - `browser`: headless Chromium (packages/edge/vitest.browser.config.ts).
 * Packages are aliased to their sources, so tests need no build. The global
 * setup starts one real MLflow server (from the project-local virtualenv)
 * and provides its URI to every project.
 */
export default defineConfig({
  resolve: { alias: workspaceAlias },
  test: {
    globalSetup: ["./packages/testkit/src/vitest-global-setup.ts"],
    ...timeouts,
    projects: [
      {
        resolve: { alias: workspaceAlias },
        test: {
          name: "node",
          include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
          exclude: [...configDefaults.exclude, edgeRuntimeTests, browserTests],
          ...timeouts,
        },
      },
      {
        resolve: { alias: workspaceAlias },
        test: { name: "edge-runtime", environment: "edge-runtime", include: [edgeRuntimeTests], ...timeouts },
      },
      "./packages/edge/vitest.browser.config.ts",
    ],
  },
});
