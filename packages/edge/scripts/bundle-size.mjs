#!/usr/bin/env node
// Where the bytes of the browser bundle go: bundles an entry from the
// workspace sources (esbuild, browser, ESM, minified, code splitting,
// `openai` external, as src/bundle.test.ts does), prints the size of what
// loads with the page (the entry chunk and the chunks it imports
// statically), minified and gzipped, and the minified bytes each source
// file contributes; then what loads later with `import()`. Needs the
// testkit built (`pnpm turbo run build`).
//
//   node packages/edge/scripts/bundle-size.mjs                 # what a page imports
//   node packages/edge/scripts/bundle-size.mjs --all           # the whole entry
//   node packages/edge/scripts/bundle-size.mjs --code 'export { trace } from "@kong-mlflow/core";'
import { pageLoad } from "@kong-mlflow/testkit";
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
const PAGE = `export { init, trace, withSpan, startSpan, withActiveSpan, getCurrentActiveSpan, updateCurrentTrace, tracedOpenAI, kongGateway, flushTraces, withFlush } from "@kong-mlflow/edge";`; // as src/bundle.test.ts
const args = process.argv.slice(2);
const code = args.includes("--all") ? 'export * from "@kong-mlflow/edge";' : args.includes("--code") ? args[args.indexOf("--code") + 1] : PAGE;

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
