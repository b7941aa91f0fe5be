#!/usr/bin/env node
// Where the bytes of the browser bundle go, measured as src/bundle.test.ts
// does (ADR 0011). Bundles a page from the workspace sources with esbuild
// (browser, ESM, minified, code splitting, `openai` external) and prints
// what loads with the page (the entry chunk and the chunks it imports
// statically), minified and gzipped, and the minified bytes each source
// file contributes; then what loads later with `import()`; then the same
// page built by Vite, the figure the budget holds. Needs the testkit built
// (`pnpm turbo run build`).
//
//   node packages/edge/scripts/bundle-size.mjs          # the budget's page: MLflow's tracing API
//   node packages/edge/scripts/bundle-size.mjs --api    # every tracing function of the edge entry
//   node packages/edge/scripts/bundle-size.mjs --all    # the whole entry (esbuild only)
//   node packages/edge/scripts/bundle-size.mjs --code 'export { init, withSpan } from "@kong-mlflow/edge";'
import { pageLoad, vitePageLoad } from "@kong-mlflow/testkit";
import { build } from "esbuild";
import { fileURLToPath } from "node:url";

const packages = fileURLToPath(new URL("../../", import.meta.url));
const src = (pkg, entry = "index") => `${packages}${pkg}/src/${entry}.ts`;
const alias = {
  "@kong-mlflow/core/internal": src("core", "internal"),
  "@kong-mlflow/core/gateway": src("core", "gateway"),
  "@kong-mlflow/core": src("core"),
  "@kong-mlflow/edge/relay": src("edge", "relay"),
  "@kong-mlflow/edge/gateway": src("edge", "gateway"),
  "@kong-mlflow/edge": src("edge"),
};
// as src/bundle.test.ts
const PAGE = `export { init, trace, withSpan, startSpan, tracedOpenAI, flushTraces, SpanType } from "@kong-mlflow/edge";`;
const API = `export { init, trace, withSpan, startSpan, withActiveSpan, getCurrentActiveSpan, updateCurrentTrace, tracedOpenAI, kongGateway, flushTraces, withFlush } from "@kong-mlflow/edge";`;
const args = process.argv.slice(2);
const code = args.includes("--all") ? 'export * from "@kong-mlflow/edge";' : args.includes("--code") ? args[args.indexOf("--code") + 1] : args.includes("--api") ? API : PAGE;

const result = await build({
  stdin: { contents: code, resolveDir: `${packages}edge/src`, loader: "ts" },
  bundle: true,
  write: false,
  splitting: true,
  outdir: "/bundle",
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  external: ["openai"],
  metafile: true,
  logLevel: "silent",
  plugins: [{ name: "workspace", setup: (b) => b.onResolve({ filter: /^@kong-mlflow\// }, (a) => (alias[a.path] ? { path: alias[a.path] } : undefined)) }],
});
const load = pageLoad(result);
console.log(`${code}\nloads with the page: minified ${load.atLoad.minified} B, gzipped ${load.atLoad.gzipped} B`);
for (const { path, bytes } of load.atLoad.inputs) console.log(`${String(bytes).padStart(7)}  ${path.replace(/^.*packages\//, "")}`);
console.log(`\nloaded later with import(), only if that code runs: gzipped ${load.lazyGzipped} B`);

const names = /export \{([^}]*)\} from "@kong-mlflow\/edge"/.exec(code)?.[1]?.trim();
if (names) {
  // Vite's page imports names: a page importing named exports of @kong-mlflow/edge only
  const vite = await vitePageLoad(names, "@kong-mlflow/edge", alias);
  console.log(`\nthe same page built by Vite: loads minified ${vite.minified} B, gzipped ${vite.gzipped} B; loaded later with import(): gzipped ${vite.lazyGzipped} B`);
}
