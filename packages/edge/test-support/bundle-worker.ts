import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { workspaceSources } from "../src/testing/esbuild-workspace";

/** Bundles the workerd tests' worker (our sources plus `openai`) the way wrangler would: ESM, workerd conditions. Test helper. */
export async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [fileURLToPath(new URL("../src/testing/worker-entry.ts", import.meta.url))],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    plugins: [workspaceSources()],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}
