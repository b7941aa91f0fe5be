import { builtinModules } from "node:module";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { build, type Plugin } from "esbuild";
import { describe, expect, it } from "vitest";
import { workspaceSources } from "./testing/esbuild-workspace";

/** The target of issue #4 for the browser bundle of `@kong-mlflow/edge` (core + edge + the OpenAI instrumentation), gzipped. */
export const EDGE_GZIP_TARGET_BYTES = 12 * 1024;

/**
 * The ceiling enforced today: the measured size (25.7 KB, 2026-11-29) plus a
 * little room. It stops growth; the core's size keeps the target out of
 * reach for now (see the edge README, "Bundle size").
 */
export const EDGE_GZIP_CEILING_BYTES = 27 * 1024;

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

/** Bundles an entry (a file of this package, or code importing it) the way a browser app's bundler would. */
async function bundle(entry: { file: string } | { code: string }): Promise<{ code: Uint8Array; gzipped: number; nodeImports: string[] }> {
  const nodeImports: string[] = [];
  const here = fileURLToPath(new URL(".", import.meta.url));
  const result = await build({
    ...("file" in entry ? { entryPoints: [fileURLToPath(new URL(entry.file, import.meta.url))] } : { stdin: { contents: entry.code, resolveDir: here, loader: "ts" } }),
    bundle: true,
    write: false,
    minify: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    external: ["openai"],
    plugins: [nodeBuiltinSpy(nodeImports), workspaceSources()],
    logLevel: "silent",
  });
  const code = result.outputFiles[0]!.contents;
  return { code, gzipped: gzipSync(code, { level: 9 }).byteLength, nodeImports };
}

describe("the browser bundle", () => {
  it("contains no Node built-in, in the main entry or the relay entry", async () => {
    for (const file of ["./index.ts", "./relay.ts"]) {
      expect((await bundle({ file })).nodeImports, file).toEqual([]);
    }
    // and the check does see one
    expect((await bundle({ code: 'export { AsyncLocalStorage } from "node:async_hooks";' })).nodeImports).toEqual(["node:async_hooks (imported by <stdin>)"]);
  });

  it(`stays under its ceiling of ${EDGE_GZIP_CEILING_BYTES} bytes gzipped (esbuild, minified, openai excluded)`, async () => {
    const whole = await bundle({ file: "./index.ts" });
    const app = await bundle({ code: 'export { init, trace, withSpan, startSpan, withActiveSpan, tracedOpenAI, kongGateway, flushTraces } from "./index";' });
    console.log(
      `@kong-mlflow/edge browser bundle, gzipped: whole entry ${whole.gzipped} bytes (${whole.code.byteLength} minified); ` +
        `a typical page's imports ${app.gzipped} bytes; target ${EDGE_GZIP_TARGET_BYTES}, ceiling ${EDGE_GZIP_CEILING_BYTES}`,
    );
    expect(whole.gzipped).toBeLessThanOrEqual(EDGE_GZIP_CEILING_BYTES);
  });

  it.todo(`fits the ${EDGE_GZIP_TARGET_BYTES}-byte target of issue #4: the core's manual API and OpenAI instrumentation alone are over it`);
});
