import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createExperiment, findRepoRoot, type MlflowServer, startMlflowServer } from "@kong-mlflow/testkit";
import { summarizeCalls, summarizeStreams } from "./analyze";
import { Child } from "./child";
import { describeEnvironment, loadNow } from "./environment";
import { runExportBench } from "./export-bench";
import { recordAnswers } from "./fake-upstream";
import { parseOptions } from "./options";
import { runProfiles } from "./profile-bench";
import { median } from "./stats";
import { type BenchReport, checkGoals, toMarkdown } from "./report";
import { runSideBySide } from "./side-by-side";
import { measureBundles, measureImports } from "./startup-bench";

const here = dirname(fileURLToPath(import.meta.url));

/**
 * The benchmark suite (`pnpm bench`): starts the real MLflow and the Kong
 * stand-in in processes of their own, measures every variant side by side,
 * then export, bundle size, cold import and a CPU profile of the traced
 * variant, and writes `results/latest.json` and `results/latest.md`.
 */
async function main(): Promise<void> {
  const started = performance.now();
  const options = parseOptions(process.argv.slice(2));
  const repoRoot = findRepoRoot(here);
  const benchDir = resolve(here, "..");
  const outDir = resolve(options.outDir ?? join(benchDir, "results"));
  mkdirSync(outDir, { recursive: true });
  const log = (line: string) => console.log(line);
  const environment = describeEnvironment(repoRoot);
  log(`kong-mlflow bench${options.smoke ? " (smoke)" : ""}: Node ${environment.node}, ${environment.cores} cores, load ${environment.loadStart.join(" ")}`);

  let mlflow: MlflowServer | undefined;
  let standin: Child<{ type: string; baseURL?: string }> | undefined;
  const stopAll = async () => {
    await standin?.stop();
    await mlflow?.stop();
  };
  const onSignal = () => void stopAll().finally(() => process.exit(130));
  process.once("SIGINT", onSignal);
  process.once("SIGTERM", onSignal);
  try {
    let trackingUri = options.mlflowUri;
    if (!trackingUri) {
      mlflow = await startMlflowServer();
      trackingUri = mlflow.trackingUri;
      log(`- MLflow ${mlflow.version} at ${trackingUri} (started by the bench)`);
    } else {
      log(`- MLflow at ${trackingUri}`);
    }
    standin = new Child(join(here, "standin-process.js"), []);
    const { baseURL } = (await standin.next()) as { baseURL: string };
    log(`- Kong stand-in at ${baseURL} (its own process)`);
    const experimentId = await createExperiment(trackingUri, `kong-mlflow-bench-${Date.now()}`);
    const targets = { baseURL, trackingUri, experimentId };

    const report: BenchReport = {
      command: `./scripts/bench.sh${process.argv.slice(2).length ? ` ${process.argv.slice(2).join(" ")}` : ""}`,
      environment,
      options: options.sideBySide,
      workers: {},
      calls: {},
      streams: {},
      goals: checkGoals({}, {}),
      durationS: 0,
      blocks: [],
      errors: [],
    };
    // The report is written after every phase, so a phase that fails (or a run cut short) keeps what came before.
    const save = () => {
      environment.loadEnd = loadNow();
      report.durationS = (performance.now() - started) / 1000;
      report.goals = checkGoals(report.calls, report.streams);
      writeFileSync(join(outDir, "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
      writeFileSync(join(outDir, "latest.md"), toMarkdown(report));
    };
    const phase = async (name: string, fn: () => Promise<void>) => {
      try {
        await fn();
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        log(`  ${name} failed: ${message}`);
        report.errors.push(`${name}: ${message.slice(0, 2000)}`);
      }
      save();
    };

    if (!options.skip.has("side-by-side")) {
      log(`- side by side: ${options.sideBySide.variants.join(", ")}`);
      const data = await runSideBySide(targets, options.sideBySide, log);
      report.workers = data.workers;
      report.calls = summarizeCalls(data, options.sideBySide.variants);
      report.streams = summarizeStreams(data, options.sideBySide.variants);
      report.blocks = [
        ...data.calls.map((t) => ({ kind: "calls", variant: t.variant, run: t.run, round: t.round, slot: t.slot, cpuUsPerItem: t.block.cpuUs / t.block.n, medianUs: median(t.block.wallUs), flushUs: t.block.flushUs })),
        ...data.streams.map((t) => ({ kind: "streams", variant: t.variant, run: t.run, round: t.round, slot: t.slot, cpuUsPerItem: t.block.cpuUs / t.block.n, medianUs: median(t.block.ttftUs), flushUs: t.block.flushUs })),
      ];
      for (const v of options.sideBySide.variants) {
        const c = report.calls[v];
        const s = report.streams[v];
        if (c || s) log(`  ${v}: +${c?.addedCpuUs.median.toFixed(1)} µs CPU/call, wall ×${c?.wallRatio.toFixed(3)}, TTFT ×${s?.ttftRatio.toFixed(3)}, +${s?.addedCpuPerChunkUs.median.toFixed(2)} µs CPU/chunk`);
      }
      save();
    }

    if (!options.skip.has("isolated")) {
      await phase("isolated", async () => {
        log(`- isolated (upstream replayed in-process, export to MLflow still real): ${options.isolated.variants.join(", ")}`);
        const fake = await recordAnswers(baseURL, options.isolated.chunks);
        const isolatedData = await runSideBySide({ ...targets, fake }, options.isolated, log);
        const ic = summarizeCalls(isolatedData, options.isolated.variants);
        const is = summarizeStreams(isolatedData, options.isolated.variants);
        report.isolated = { options: options.isolated, calls: ic, streams: is };
        for (const v of options.isolated.variants) {
          log(`  ${v}: ${ic[v]?.cpuPerCallUs.median.toFixed(0)} µs CPU/call (+${ic[v]?.addedCpuUs.median.toFixed(1)}), +${is[v]?.addedCpuPerChunkUs.median.toFixed(2)} µs CPU/chunk`);
        }
      });
    }

    if (!options.skip.has("export")) {
      await phase("export", async () => {
        log(`- export to MLflow`);
        report.export = await runExportBench({ trackingUri, experimentId }, options.export, log);
      });
    }

    if (!options.skip.has("startup")) {
      await phase("startup", async () => {
        log(`- bundle size and cold import`);
        const bundles = await measureBundles(repoRoot, benchDir);
        report.bundles = bundles;
        for (const b of bundles) log(`  ${b.name}: ${b.ok ? `${((b.gzipBytes ?? 0) / 1024).toFixed(1)} KiB gzipped` : `fails: ${b.error}`}`);
        const imports = await measureImports(benchDir, options.startup.importRuns);
        report.imports = imports;
        for (const i of imports) log(`  import ${i.name}: ${i.importMs.median.toFixed(1)} ms`);
      });
    }

    if (!options.skip.has("profile")) {
      await phase("profile", async () => {
        log(`- CPU profiles of the traced variant`);
        const results = await runProfiles(targets, join(outDir, "profiles"), { ...options.profile, chunks: options.sideBySide.chunks });
        report.profiles = results.map((p) => ({ ...p, file: relative(repoRoot, p.file) }));
      });
    }

    save();
    log(`- wrote ${relative(process.cwd(), join(outDir, "latest.md"))} and latest.json`);
    for (const g of report.goals) log(`  ${g.met ? "met   " : g.met === false ? "MISSED" : "n/a   "} ${g.goal}: ${g.measured} (goal ${g.target})`);
  } finally {
    await stopAll();
  }
}

main().catch((error: unknown) => {
  console.error(`bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  process.exitCode = 1;
});
