import { builtinModules } from "node:module";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { build, type Plugin } from "esbuild";
import { pageLoad, vitePageLoad } from "@kong-mlflow/testkit";
import { describe, expect, it } from "vitest";
import { workspaceAlias } from "../../../vitest.aliases";
import { workspaceSources } from "./testing/esbuild-workspace";

/**
 * The budget of issue #4 (ADR 0011): what a browser page built by Vite
 * loads for MLflow's tracing API from the edge entry (core, edge and the
 * OpenAI instrumentation; `openai` excluded), minified and gzipped.
 */
export const EDGE_GZIP_BUDGET_BYTES = 12 * 1024;

/**
 * What a page loads for every tracing function of the edge entry, built by
 * esbuild (three chunks, gzipped apart), may not grow past this: measured
 * 2026-11-29 (14,443 B), plus a little room.
 */
export const EDGE_PAGE_CEILING_BYTES = 14.5 * 1024;

/**
 * Everything the edge entry exports, feedback and diagnostics included, may
 * not grow past this (measured 2026-11-29: 18,286 B, plus a little room).
 */
export const EDGE_WHOLE_ENTRY_CEILING_BYTES = 18.5 * 1024;

/** MLflow's tracing API, as the edge entry offers it: the page the budget measures. */
const BUDGET_PAGE_NAMES = "init, trace, withSpan, startSpan, tracedOpenAI, flushTraces, SpanType";

/** Every tracing function of the edge entry (`apps/bench` reports the same set). */
const PAGE_IMPORTS = `export { init, trace, withSpan, startSpan, withActiveSpan, getCurrentActiveSpan, updateCurrentTrace, tracedOpenAI, kongGateway, flushTraces, withFlush } from "./index";`;

const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);

/** Records (and keeps out) every import of a Node built-in, with who imported it. */
function nodeBuiltinSpy(found: string[]): Plugin {
  return {
    name: "node-builtin-spy",
    setup(b) {
      b.onResolve({ filter: /.*/ }, (args) => {
        if (!builtins.has(args.path)) return undefined;
        found.push(`${args.path} (imported by ${args.importer})`);
        return { path: args.path, external: true };
      });
    },
  };
}

interface Bundle {
  /** What loads with the page: the entry chunk and the chunks it imports statically, minified. */
  code: Uint8Array;
  /** Their gzipped sizes, summed. */
  gzipped: number;
  /** Gzipped size of what loads later, through `import()`, only if the code asks for it. */
  lazyGzipped: number;
  nodeImports: string[];
}

/**
 * Bundles an entry (a file of this package, or code importing it) the way a
 * browser app's bundler would: minified, with code splitting, so a module
 * loaded with `import()` (the direct-to-MLflow export code, ADR 0008) is a
 * chunk of its own that a page downloads only if it runs that code.
 */
async function bundle(entry: { file: string } | { code: string }): Promise<Bundle> {
  const nodeImports: string[] = [];
  const here = fileURLToPath(new URL(".", import.meta.url));
  const result = await build({
    ...("file" in entry ? { entryPoints: [fileURLToPath(new URL(entry.file, import.meta.url))] } : { stdin: { contents: entry.code, resolveDir: here, loader: "ts" } }),
    bundle: true,
    write: false,
    splitting: true,
    outdir: join(here, "bundle-out"),
    metafile: true,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["openai"],
    plugins: [nodeBuiltinSpy(nodeImports), workspaceSources()],
    logLevel: "silent",
  });
  const load = pageLoad(result);
  return { code: load.atLoad.code, gzipped: load.atLoad.gzipped, lazyGzipped: load.lazyGzipped, nodeImports };
}

describe("the browser bundle", () => {
  it("contains no Node built-in, in the main entry or the relay entry", async () => {
    for (const file of ["./index.ts", "./relay.ts"]) {
      expect((await bundle({ file })).nodeImports, file).toEqual([]);
    }
    // and the check does see one
    expect((await bundle({ code: 'export { AsyncLocalStorage } from "node:async_hooks";' })).nodeImports).toEqual(["node:async_hooks (imported by <stdin>)"]);
  });

  it(`loads at most ${EDGE_GZIP_BUDGET_BYTES} bytes gzipped with a Vite-built page for MLflow's tracing API (issue #4's budget)`, async () => {
    const page = await vitePageLoad(BUDGET_PAGE_NAMES, "@kong-mlflow/edge", workspaceAlias);
    console.log(
      `@kong-mlflow/edge, a Vite-built page importing ${BUDGET_PAGE_NAMES}: ${page.gzipped} bytes gzipped (${page.minified} minified; budget ${EDGE_GZIP_BUDGET_BYTES}); ` +
        `loaded later with import(), only when that code runs: ${page.lazyGzipped} bytes`,
    );
    expect(page.gzipped).toBeLessThanOrEqual(EDGE_GZIP_BUDGET_BYTES);
    // the export code, and the direct-to-MLflow code, load on demand
    expect(page.lazyGzipped).toBeGreaterThan(5000);
  });

  it(`loads at most ${EDGE_PAGE_CEILING_BYTES} bytes gzipped with an esbuild-built page for every tracing function (minified, openai excluded)`, async () => {
    const page = await bundle({ code: PAGE_IMPORTS });
    const whole = await bundle({ file: "./index.ts" });
    console.log(
      `@kong-mlflow/edge browser bundle (esbuild), gzipped: every tracing function ${page.gzipped} bytes (${page.code.byteLength} minified; ceiling ${EDGE_PAGE_CEILING_BYTES}), ` +
        `the whole entry ${whole.gzipped} bytes (ceiling ${EDGE_WHOLE_ENTRY_CEILING_BYTES}); the export code, loaded on demand, ${page.lazyGzipped} bytes`,
    );
    expect(page.gzipped).toBeLessThanOrEqual(EDGE_PAGE_CEILING_BYTES);
    expect(whole.gzipped).toBeLessThanOrEqual(EDGE_WHOLE_ENTRY_CEILING_BYTES);
  });

  it("keeps the export code out of what loads with the page", async () => {
    const page = await bundle({ code: PAGE_IMPORTS });
    const text = new TextDecoder().decode(page.code);
    // only the transport choice asks MLflow for its store type
    expect(text).not.toContain("server-info");
    // the export pipeline's retry report
    expect(text).not.toContain("retrying with backoff");
    expect(page.lazyGzipped).toBeGreaterThan(1000);
  });
});
