import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";
import { Miniflare } from "miniflare";
import type { ScenarioId } from "../scenarios/catalog";
import type { RuntimeTargets, ScenarioRun, ScenarioRuntime } from "./scenario-runtime";

/** The worker's source: beside this file in src, or `../src/...` from the built dist/main.js. */
function workerEntry(): string {
  for (const candidate of ["../scenarios/edge/worker.ts", "../src/scenarios/edge/worker.ts"]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("apps/demo/src/scenarios/edge/worker.ts not found");
}

/** Bundles the worker as wrangler would: ESM, workerd conditions, `openai` and `@kong-mlflow/edge` inlined. */
async function bundleWorker(): Promise<string> {
  const result = await build({
    entryPoints: [workerEntry()],
    bundle: true,
    write: false,
    format: "esm",
    platform: "browser",
    target: "es2022",
    conditions: ["workerd", "worker", "browser"],
    logLevel: "silent",
  });
  return result.outputFiles[0]!.text;
}

/**
 * Runs the guide's scenarios in a Cloudflare Worker (workerd, through
 * miniflare, with `nodejs_compat`), one request per scenario. The worker
 * exports each trace in `ctx.waitUntil` after its response, so a trace may
 * land in MLflow a moment after `run` returns.
 */
export function edgeRuntime(): ScenarioRuntime {
  let mf: Miniflare | undefined;
  return {
    name: "edge",
    scenarios: ["basic", "traced-function", "streaming"],
    async start(targets: RuntimeTargets) {
      const script = await bundleWorker();
      mf = new Miniflare({
        modules: true,
        script,
        compatibilityDate: "2025-09-01",
        compatibilityFlags: ["nodejs_compat"],
        bindings: {
          KONG_GATEWAY_URL: targets.gatewayUrl,
          ...(process.env.KONG_API_KEY ? { KONG_API_KEY: process.env.KONG_API_KEY } : {}),
          MLFLOW_TRACKING_URI: targets.trackingUri,
          MLFLOW_EXPERIMENT_NAME: targets.experimentName,
        },
      });
      await mf.ready;
    },
    async run(id: ScenarioId): Promise<ScenarioRun> {
      if (!mf) throw new Error("the edge runtime was not started");
      const res = await mf.dispatchFetch(`http://demo.worker/${id}`);
      if (!res.ok) throw new Error(`the worker answered ${res.status} to scenario ${id}: ${await res.text()}`);
      const { answer, traceId } = (await res.json()) as { answer: string | null; traceId?: string };
      console.log(answer);
      if (!traceId) throw new Error(`scenario ${id} finished without a trace in the worker`);
      return { traceId };
    },
    async stop() {
      await mf?.dispose();
      mf = undefined;
    },
  };
}
