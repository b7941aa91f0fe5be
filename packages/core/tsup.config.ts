import { defineConfig } from "tsup";

export default defineConfig({
  // `internal` serves the runtime packages; splitting (also for CJS) keeps one
  // copy of shared modules (logger, runtime) behind both entries.
  entry: ["src/index.ts", "src/internal.ts", "src/gateway.ts"],
  splitting: true,
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
