#!/usr/bin/env node
// Where the bytes of the browser bundle go: bundles an entry from the
// workspace sources (esbuild, browser, ESM, minified, `openai` external, as
// src/bundle.test.ts does), prints its minified and gzipped size and the
// minified bytes each source file contributes.
//
//   node packages/edge/scripts/bundle-size.mjs                 # what a page imports
//   node packages/edge/scripts/bundle-size.mjs --all           # the whole entry
//   node packages/edge/scripts/bundle-size.mjs --code 'export { trace } from "@kong-mlflow/core";'
import { build } from "esbuild";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const packages = fileURLToPath(new URL("../../", import.meta.url));
const src = (pkg, entry = "index") => `${packages}${pkg}/src/${entry}.ts`;
const alias = {
  "@kong-mlflow/core/internal": src("core", "internal"),
  "@kong-mlflow/core": src("core"),
  "@kong-mlflow/edge/relay": src("edge", "relay"),
  "@kong-mlflow/edge": src("edge"),
};
const PAGE = 'export { init, trace, withSpan, startSpan, withActiveSpan, tracedOpenAI, kongGateway, flushTraces, withFlush } from "@kong-mlflow/edge";';
const args = process.argv.slice(2);
const code = args.includes("--all") ? 'export * from "@kong-mlflow/edge";' : args.includes("--code") ? args[args.indexOf("--code") + 1] : PAGE;

const result = await build({
  stdin: { contents: code, resolveDir: `${packages}edge/src`, loader: "ts" },
  bundle: true,
  write: false,
  minify: true,
  format: "esm",
  platform: "browser",
  target: "es2022",
  external: ["openai"],
  metafile: true,
  logLevel: "silent",
  plugins: [{ name: "workspace", setup: (b) => b.onResolve({ filter: /^@kong-mlflow\// }, (a) => (alias[a.path] ? { path: alias[a.path] } : undefined)) }],
});
const out = result.outputFiles[0].contents;
console.log(`${code}\nminified ${out.byteLength} B, gzipped ${gzipSync(out, { level: 9 }).byteLength} B`);
const inputs = Object.entries(Object.values(result.metafile.outputs)[0].inputs)
  .map(([file, v]) => [file.replace(/^.*packages\//, ""), v.bytesInOutput])
  .filter(([, bytes]) => bytes > 0)
  .sort((a, b) => b[1] - a[1]);
for (const [file, bytes] of inputs) console.log(`${String(bytes).padStart(7)}  ${file}`);
