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
//   node packages/edge/scripts/bundle-size.mjs --vite          # also the same page built by Vite
import { pageLoad } from "@kong-mlflow/testkit";
import { build } from "esbuild";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

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

/**
 * `--vite`: the same page built by Vite (Rolldown, its default minifier), as
 * a browser app would be: an HTML page whose script imports the names above.
 * Vite puts what the page and the on-demand export chunk share in the page's
 * chunk, where esbuild makes a third chunk for it (gzipped apart).
 */
async function viteSize(names) {
  const { build: viteBuild } = await import("vite");
  const root = mkdtempSync(join(tmpdir(), "kong-mlflow-vite-"));
  try {
    writeFileSync(join(root, "index.html"), '<!doctype html><script type="module" src="./main.ts"></script>');
    writeFileSync(join(root, "main.ts"), `import { ${names} } from "@kong-mlflow/edge";\n(globalThis as any).used = [${names}];\n`);
    const outDir = join(root, "out");
    await viteBuild({ root, logLevel: "silent", configFile: false, resolve: { alias }, build: { outDir, manifest: true, modulePreload: { polyfill: false }, rollupOptions: { external: ["openai"] } } });
    const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8"));
    const loaded = new Set();
    const visit = (key) => {
      if (loaded.has(key)) return;
      loaded.add(key);
      for (const i of manifest[key].imports ?? []) visit(i);
    };
    visit("index.html");
    const files = [...loaded].map((key) => readFileSync(join(outDir, manifest[key].file)));
    const lazy = Object.keys(manifest).filter((key) => !loaded.has(key) && manifest[key].file.endsWith(".js")).map((key) => readFileSync(join(outDir, manifest[key].file)));
    const gz = (list) => list.reduce((sum, f) => sum + gzipSync(f, { level: 9 }).byteLength, 0);
    return { minified: files.reduce((sum, f) => sum + f.byteLength, 0), gzipped: gz(files), lazyGzipped: gz(lazy) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

if (args.includes("--vite")) {
  const names = /export \{([^}]*)\} from "@kong-mlflow\/edge"/.exec(code)?.[1]?.trim();
  if (!names) throw new Error("--vite measures a page importing named exports of @kong-mlflow/edge (the default page, or --code 'export { … } from \"@kong-mlflow/edge\";')");
  const vite = await viteSize(names);
  console.log(`\nthe same page built by Vite: loads minified ${vite.minified} B, gzipped ${vite.gzipped} B; loaded later with import(): gzipped ${vite.lazyGzipped} B`);
}
