import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const src = (pkg: string) => fileURLToPath(new URL(`./packages/${pkg}/src/index.ts`, import.meta.url));

/**
 * One vitest run for the whole workspace. Packages are aliased to their
 * sources, so tests need no build. The global setup starts one real MLflow
 * server (from the project-local virtualenv) for every test file.
 */
export default defineConfig({
  resolve: {
    alias: {
      "@kong-mlflow/core": src("core"),
      "@kong-mlflow/node": src("node"),
      "@kong-mlflow/edge": src("edge"),
      "@kong-mlflow/testkit": src("testkit"),
    },
  },
  test: {
    globalSetup: ["./packages/testkit/src/vitest-global-setup.ts"],
    include: ["packages/*/src/**/*.test.ts", "apps/*/src/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
