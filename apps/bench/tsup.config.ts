import { fileURLToPath } from "node:url";
import { defineConfig } from "tsup";
import { workspaceSources } from "./src/workspace-sources";

const plugin = workspaceSources(fileURLToPath(new URL("../../packages/", import.meta.url)));

export default defineConfig([
  {
    // The processes the bench starts. The traced code is loaded at run time
    // from `kong-mlflow.js` (below), so the untraced workers never load it.
    entry: ["src/main.ts", "src/worker.ts", "src/standin-process.ts", "src/export-worker.ts"],
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    skipNodeModulesBundle: true,
    noExternal: [/^@kong-mlflow\/testkit/],
    esbuildPlugins: [plugin],
  },
  {
    // `@kong-mlflow/node` and core, from source, in one file of their own:
    // CPU profiles tell our functions apart by this file's name.
    entry: { "kong-mlflow": "src/kong-mlflow.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "node20",
    splitting: false,
    noExternal: [/^@kong-mlflow\//],
    esbuildPlugins: [plugin],
  },
]);
