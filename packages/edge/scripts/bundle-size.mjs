#!/usr/bin/env node
// Where the bytes of the browser bundle go: bundles an entry from the
// workspace sources (esbuild, browser, ESM, minified, code splitting,
// `openai` external, as src/bundle.test.ts does), prints the size of what
// loads with the page (the entry chunk and the chunks it imports
// statically), minified and gzipped, and the minified bytes each source
// file contributes; then each chunk loaded later with `import()`.
//
//   node packages/edge/scripts/bundle-size.mjs                 # what a page imports
//   node packages/edge/scripts/bundle-size.mjs --all           # the whole entry
//   node packages/edge/scripts/bundle-size.mjs --code 'export { trace } from "@kong-mlflow/core";'
import { build } from "esbuild";
import { basename } from "node:path";
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
const outputs = result.metafile.outputs;
// metafile paths are relative to the working directory; match outputs by file name
const contents = Object.fromEntries(Object.keys(outputs).map((name) => [name, result.outputFiles.find((f) => basename(f.path) === basename(name)).contents]));
const entry = Object.keys(outputs).find((name) => outputs[name].entryPoint);
/** The chunks `name` loads before it runs (static imports), itself included. */
function staticClosure(name, seen = new Set()) {
  if (seen.has(name)) return seen;
  seen.add(name);
  for (const i of outputs[name].imports) if (i.kind === "import-statement" && outputs[i.path]) staticClosure(i.path, seen);
  return seen;
}
function report(title, names) {
  const bytes = Buffer.concat(names.map((n) => contents[n]));
  console.log(`${title}: minified ${bytes.byteLength} B, gzipped ${names.reduce((sum, n) => sum + gzipSync(contents[n], { level: 9 }).byteLength, 0)} B`);
  const inputs = names
    .flatMap((n) => Object.entries(outputs[n].inputs))
    .map(([file, v]) => [file.replace(/^.*packages\//, ""), v.bytesInOutput])
    .filter(([, b]) => b > 0)
    .sort((a, b) => b[1] - a[1]);
  for (const [file, b] of inputs) console.log(`${String(b).padStart(7)}  ${file}`);
}
console.log(code);
const atLoad = [...staticClosure(entry)];
report("loads with the page", atLoad);
for (const name of Object.keys(outputs).filter((n) => !atLoad.includes(n) && n.endsWith(".js"))) report(`\nloaded later with import(): ${name}`, [staticClosure(name)].flatMap((s) => [...s].filter((n) => !atLoad.includes(n))));
