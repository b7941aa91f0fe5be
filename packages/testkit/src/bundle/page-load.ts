import { basename } from "node:path";
import { gzipSync } from "node:zlib";

/** The parts of an esbuild result (`metafile: true`, `write: false`, `splitting: true`) that {@link pageLoad} reads. */
export interface SplitBuild {
  metafile: { outputs: Record<string, { entryPoint?: string; imports: Array<{ path: string; kind: string }>; inputs: Record<string, { bytesInOutput: number }> }> };
  outputFiles: Array<{ path: string; contents: Uint8Array }>;
}

/** What a page downloads from a code-split bundle. */
export interface PageLoad {
  /** The entry chunk and every chunk it imports statically: what loads with the page. */
  atLoad: { minified: number; gzipped: number; code: Uint8Array; inputs: Array<{ path: string; bytes: number }> };
  /** Chunks reached only through `import()`: loaded later, if that code runs (each gzipped, summed). */
  lazyGzipped: number;
}

/**
 * Splits a code-split browser build into what loads with the page and what
 * loads later through `import()`, each chunk gzipped (level 9) on its own as
 * a server would send it. Used by the edge package's bundle-size test and the
 * bench's size phase, so both count the same bytes.
 */
export function pageLoad(build: SplitBuild): PageLoad {
  const { outputs } = build.metafile;
  // metafile paths are relative to the working directory: match output files by name
  const contents = (key: string) => build.outputFiles.find((f) => basename(f.path) === basename(key))!.contents;
  const atLoad = new Set<string>();
  const visit = (key: string) => {
    if (atLoad.has(key)) return;
    atLoad.add(key);
    for (const i of outputs[key]!.imports) if (i.kind === "import-statement" && outputs[i.path]) visit(i.path);
  };
  visit(Object.keys(outputs).find((key) => outputs[key]!.entryPoint)!);
  const gzipped = (keys: string[]) => keys.reduce((sum, key) => sum + gzipSync(contents(key), { level: 9 }).byteLength, 0);
  const loaded = [...atLoad];
  const code = Buffer.concat(loaded.map(contents));
  const inputs = loaded
    .flatMap((key) => Object.entries(outputs[key]!.inputs))
    .map(([path, v]) => ({ path, bytes: v.bytesInOutput }))
    .filter((i) => i.bytes > 0)
    .sort((a, b) => b.bytes - a.bytes);
  return {
    atLoad: { minified: code.byteLength, gzipped: gzipped(loaded), code, inputs },
    lazyGzipped: gzipped(Object.keys(outputs).filter((key) => !atLoad.has(key) && key.endsWith(".js"))),
  };
}
