import { build } from "esbuild";
import { describe, expect, it } from "vitest";
import { pageLoad } from "./page-load";

describe("pageLoad", () => {
  it("counts the entry and its static imports, and a chunk reached only through import() apart", async () => {
    const files: Record<string, string> = {
      "entry.js": 'import { shared } from "./shared.js"; export const run = () => shared() + 1; export const later = () => import("./lazy.js");',
      "shared.js": "export const shared = () => 41;",
      "lazy.js": 'import { shared } from "./shared.js"; export const big = "x".repeat(10) + shared() + "LAZY_ONLY_MARKER";',
    };
    const result = await build({
      entryPoints: ["entry.js"],
      bundle: true,
      write: false,
      splitting: true,
      format: "esm",
      outdir: "/out",
      metafile: true,
      logLevel: "silent",
      plugins: [{ name: "memory", setup: (b) => {
        b.onResolve({ filter: /.*/ }, (a) => ({ path: a.path.replace(/^\.\//, ""), namespace: "memory" }));
        b.onLoad({ filter: /.*/, namespace: "memory" }, (a) => ({ contents: files[a.path]!, loader: "js" }));
      } }],
    });
    const load = pageLoad(result);
    const text = new TextDecoder().decode(load.atLoad.code);
    expect(text).toContain("41"); // the shared chunk loads with the page
    expect(text).not.toContain("LAZY_ONLY_MARKER");
    expect(load.lazyGzipped).toBeGreaterThan(0);
    expect(load.atLoad.inputs.map((i) => i.path).sort()).toEqual(["memory:entry.js", "memory:shared.js"]);
  });
});
