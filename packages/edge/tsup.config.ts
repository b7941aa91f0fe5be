import { defineConfig } from "tsup";

export default defineConfig({
  // `relay` is server-side only: its own entry keeps it out of browser bundles.
  entry: ["src/index.ts", "src/relay.ts", "src/gateway.ts"],
  format: ["esm", "cjs"],
  dts: true,
  sourcemap: true,
  clean: true,
  target: "es2022",
});
