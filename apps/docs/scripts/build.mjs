// @ts-check
// Builds the documentation site: the API reference from the packages' TSDoc, then VitePress
// (offline). The code in the guide pages is included from apps/demo/src, so a build always
// shows the demo's current, compiled and tested code.
//
//   node scripts/build.mjs                 -> .vitepress/dist
//   node scripts/build.mjs --out-dir <dir> -> <dir>
import { resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "vitepress";
import { generateApiReference } from "./api-reference.mjs";

const docsDir = resolve(fileURLToPath(new URL("..", import.meta.url)));

/** @param {{ outDir?: string }} [options] */
export async function buildSite(options = {}) {
  await generateApiReference();
  await build(docsDir, options.outDir ? { outDir: options.outDir } : {});
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const at = process.argv.indexOf("--out-dir");
  const started = Date.now();
  await buildSite(at >= 0 ? { outDir: resolve(process.argv[at + 1] ?? "") } : {});
  console.log(`apps/docs: site built in ${Date.now() - started} ms`);
}
