import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { pageLoad } from "@kong-mlflow/testkit";
import { build } from "esbuild";
import { median, spread, type Spread } from "./stats";
import { workspaceSources } from "./workspace-sources";

const run = promisify(execFile);

/** One browser/edge bundle: minified, and gzipped (level 9). */
export interface BundleResult {
  name: string;
  entry: string;
  ok: boolean;
  /** What loads with the page: the entry chunk and the chunks it imports statically. */
  minifiedBytes?: number;
  gzipBytes?: number;
  /** Chunks loaded later with `import()`, only when that code runs (gzipped, summed). */
  lazyGzipBytes?: number;
  /** The biggest inputs, in bytes of output. */
  topInputs?: Array<{ path: string; bytes: number }>;
  error?: string;
}

/** Cold import of a module in a fresh process. */
export interface ImportResult {
  name: string;
  specifier: string;
  /** `await import()` in a fresh process, ms. */
  importMs: Spread;
  /** Whole process (spawn to exit) minus an empty Node process, ms. */
  processMs: Spread;
}

/**
 * Bundles `contents` as a browser app's bundler would (minified, with code
 * splitting) and measures what loads with the page: the entry chunk and the
 * chunks it imports statically. Chunks reached only through `import()` are
 * measured apart.
 */
async function bundle(name: string, contents: string, resolveDir: string, packagesDir?: string): Promise<BundleResult> {
  try {
    const out = await build({
      stdin: { contents, resolveDir, sourcefile: `${name.replace(/\W+/g, "-")}-entry.ts`, loader: "ts" },
      bundle: true,
      minify: true,
      splitting: true,
      outdir: resolve(resolveDir, "bundle-out"),
      format: "esm",
      platform: "browser",
      target: "es2022",
      external: ["openai"],
      plugins: packagesDir ? [workspaceSources(packagesDir)] : [],
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const load = pageLoad(out);
    const inputs = load.atLoad.inputs
      .map(({ path, bytes }) => ({ path: path.replace(/^.*node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^(\.\.\/)+/, ""), bytes }))
      .slice(0, 6);
    return { name, entry: contents, ok: true, minifiedBytes: load.atLoad.minified, gzipBytes: load.atLoad.gzipped, lazyGzipBytes: load.lazyGzipped, topInputs: inputs };
  } catch (error) {
    const e = error as { errors?: Array<{ text: string }>; message?: string };
    const texts = e.errors?.map((x) => x.text) ?? [String(e.message)];
    const unique = [...new Set(texts)];
    return { name, entry: contents, ok: false, error: `${unique.length} error(s): ${unique.slice(0, 4).join("; ")}` };
  }
}

/** What the edge bundle-size budget measures (packages/edge/src/bundle.test.ts): the tracing API, the OpenAI instrumentation and the edge helpers. */
const EDGE_PAGE_IMPORTS = `export { init, trace, withSpan, startSpan, withActiveSpan, getCurrentActiveSpan, updateCurrentTrace, tracedOpenAI, kongGateway, flushTraces, withFlush } from "@kong-mlflow/edge";`;

/**
 * Bundles `packages/edge` from its sources (core aliased to its sources too,
 * `openai` external) the way an edge or browser app would, and the peers'
 * OpenAI wrappers the same way.
 */
export async function measureBundles(repoRoot: string, benchDir: string): Promise<BundleResult[]> {
  return [
    await bundle("@kong-mlflow/edge (a page's tracing imports)", EDGE_PAGE_IMPORTS, benchDir, resolve(repoRoot, "packages")),
    await bundle("@kong-mlflow/edge (whole entry)", `export * from "@kong-mlflow/edge";`, benchDir, resolve(repoRoot, "packages")),
    await bundle("Langfuse (@langfuse/openai + @langfuse/tracing)", `export { observeOpenAI } from "@langfuse/openai";\nexport * from "@langfuse/tracing";`, benchDir),
    await bundle("OpenInference (openai instrumentation)", `export { OpenAIInstrumentation } from "@arizeai/openinference-instrumentation-openai";`, benchDir),
  ];
}

const TARGETS: Array<{ name: string; specifier: string | undefined }> = [
  { name: "empty Node process", specifier: undefined },
  { name: "@kong-mlflow/node", specifier: "@kong-mlflow/node" },
  { name: "openai (for scale)", specifier: "openai" },
  { name: "@langfuse/openai + @langfuse/tracing", specifier: "@langfuse/openai,@langfuse/tracing" },
  { name: "@arizeai/openinference-instrumentation-openai", specifier: "@arizeai/openinference-instrumentation-openai" },
];

async function once(specifier: string | undefined, cwd: string): Promise<{ importMs: number; processMs: number }> {
  const imports = (specifier ?? "").split(",").filter(Boolean).map((s) => `await import(${JSON.stringify(s)});`).join("");
  const code = `const t = performance.now(); ${imports} process.stdout.write(String(performance.now() - t));`;
  for (let attempt = 1; ; attempt++) {
    const t0 = performance.now();
    try {
      const { stdout } = await run(process.execPath, ["--input-type=module", "-e", code], { cwd });
      return { importMs: Number(stdout), processMs: performance.now() - t0 };
    } catch (error) {
      // A package's dist being rebuilt by someone else right now: wait for it.
      if (attempt >= 5 || !String((error as Error).message).includes("ERR_MODULE_NOT_FOUND")) throw error;
      await new Promise((r) => setTimeout(r, 3000));
    }
  }
}

/** Cold-imports each module in fresh processes, interleaved, `runs` times each. */
export async function measureImports(benchDir: string, runs: number): Promise<ImportResult[]> {
  const samples = TARGETS.map(() => ({ importMs: [] as number[], processMs: [] as number[] }));
  await once(undefined, benchDir); // warm the file cache
  for (let r = 0; r < runs; r++) {
    for (const [i, t] of TARGETS.entries()) {
      const s = await once(t.specifier, benchDir);
      samples[i]!.importMs.push(s.importMs);
      samples[i]!.processMs.push(s.processMs);
    }
  }
  const baseline = median(samples[0]!.processMs);
  return TARGETS.slice(1).map((t, i) => ({
    name: t.name,
    specifier: t.specifier!,
    importMs: spread(samples[i + 1]!.importMs),
    processMs: spread(samples[i + 1]!.processMs.map((ms) => ms - baseline)),
  }));
}
