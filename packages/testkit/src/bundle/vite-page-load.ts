import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** What a page built by Vite downloads: at load, and later through `import()`. */
export interface VitePageLoad {
  /** The page's script and every chunk it imports statically, minified. */
  minified: number;
  /** The same, each chunk gzipped (level 9) on its own, summed. */
  gzipped: number;
  /** Chunks reached only through `import()`, each gzipped, summed. */
  lazyGzipped: number;
}

/**
 * Builds a browser page with Vite (production: Rolldown, its default
 * minifier, an HTML page whose module script imports `names` from
 * `module`), as a browser app ships it, with `openai` external, and
 * measures what the page loads. Vite puts what the page and an on-demand
 * chunk share into the page's chunk, as webpack and Rollup do. `alias` maps
 * package names to sources (the workspace), so nothing needs a build first.
 */
export async function vitePageLoad(names: string, module: string, alias: Record<string, string>): Promise<VitePageLoad> {
  const { build } = await import("vite");
  const root = mkdtempSync(join(tmpdir(), "kong-mlflow-vite-"));
  try {
    writeFileSync(join(root, "index.html"), '<!doctype html><script type="module" src="./main.ts"></script>');
    writeFileSync(join(root, "main.ts"), `import { ${names} } from "${module}";\n(globalThis as any).used = [${names}];\n`);
    const outDir = join(root, "out");
    await build({ root, logLevel: "silent", configFile: false, resolve: { alias }, build: { outDir, manifest: true, modulePreload: { polyfill: false }, rollupOptions: { external: ["openai"] } } });
    const manifest = JSON.parse(readFileSync(join(outDir, ".vite", "manifest.json"), "utf8")) as Record<string, { file: string; imports?: string[] }>;
    const loaded = new Set<string>();
    const visit = (key: string) => {
      if (loaded.has(key)) return;
      loaded.add(key);
      for (const i of manifest[key]!.imports ?? []) visit(i);
    };
    visit("index.html");
    const read = (keys: string[]) => keys.map((key) => readFileSync(join(outDir, manifest[key]!.file)));
    const files = read([...loaded]);
    const lazy = read(Object.keys(manifest).filter((key) => !loaded.has(key) && manifest[key]!.file.endsWith(".js")));
    const gz = (list: Buffer[]) => list.reduce((sum, f) => sum + gzipSync(f, { level: 9 }).byteLength, 0);
    return { minified: files.reduce((sum, f) => sum + f.byteLength, 0), gzipped: gz(files), lazyGzipped: gz(lazy) };
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}
