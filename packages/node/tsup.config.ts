import { defineConfig } from "tsup";

export default defineConfig([
  {
    entry: ["src/index.ts"],
    format: ["esm", "cjs"],
    dts: true,
    sourcemap: true,
    // The CLI build below writes cli.js at the same time: keep it.
    clean: ["!cli.js", "!cli.js.map"],
    target: "es2022",
  },
  {
    // The `kong-mlflow` bin (`npx @kong-mlflow/node doctor`): ESM only, with a shebang.
    entry: { cli: "src/cli/main.ts" },
    format: ["esm"],
    sourcemap: true,
    target: "es2022",
    platform: "node",
    banner: { js: "#!/usr/bin/env node" },
  },
]);
