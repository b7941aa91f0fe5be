import { getExperimentByName } from "@kong-mlflow/testkit";
import { USAGE, parseArgs } from "./cli-args";
import { gatewayTarget } from "./gateway-target";
import { mlflowTarget } from "./mlflow-target";
import { readLandedTrace, shapeProblems, spanTree } from "./readback";
import { type DemoReport, type ScenarioResult, summaryTable, traceUrl, writeReport } from "./report";
import { checkRuntime, createRuntime } from "./runtimes";
import { scenarioById } from "./scenarios/catalog";
import { DEMO_EXPERIMENT } from "./scenarios/node-setup";
import { thumbsUp } from "./scenarios/thumbs-up";

const EXPERIMENT = DEMO_EXPERIMENT;

/** Runs the demo; resolves with the process exit code. */
async function main(argv: string[]): Promise<number> {
  const args = parseArgs(argv);
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  for (const name of args.runtimes) checkRuntime(name);
  console.log("kong-mlflow demo: the Kong AI Gateway tracing guide's scenarios, traced into MLflow");

  // What the demo started: the scenario phase (runtimes, stand-in) ends before the UI is left up; MLflow last.
  const phaseStops: Array<() => Promise<void>> = [];
  let stopMlflow: (() => Promise<void>) | undefined;
  const endPhase = async () => {
    for (const stop of phaseStops.splice(0).reverse()) await stop().catch(() => undefined);
  };
  try {
    // The gateway first: checking KONG_GATEWAY_URL (or starting the stand-in) takes a moment, MLflow about 20 s.
    const gateway = await gatewayTarget();
    if (gateway.started) phaseStops.push(() => gateway.started!.close());
    console.log(`- Kong AI Gateway at ${gateway.url}${gateway.started ? " (the local stand-in; set KONG_GATEWAY_URL to use your Kong)" : " (KONG_GATEWAY_URL)"}`);

    if (!process.env.MLFLOW_TRACKING_URI) console.log(`- starting MLflow on port ${args.port} (about 20 s) ...`);
    const mlflow = await mlflowTarget({ port: args.port, dataDir: args.dataDir });
    if (mlflow.started) stopMlflow = () => mlflow.started!.stop();
    console.log(`- MLflow ${mlflow.version} at ${mlflow.trackingUri}${mlflow.started ? ` (started by the demo, data in ${mlflow.started.workDir})` : " (MLFLOW_TRACKING_URI)"}`);

    const results: ScenarioResult[] = [];
    let experimentId: string | undefined;
    const runtimes = await Promise.all(args.runtimes.map(createRuntime));
    const plan = runtimes.flatMap((runtime) => args.scenarios.filter((id) => runtime.scenarios.includes(id)).map((id) => ({ runtime, id })));
    for (const runtime of runtimes) {
      await runtime.start({ trackingUri: mlflow.trackingUri, experimentName: EXPERIMENT, gatewayUrl: gateway.url });
      phaseStops.push(() => runtime.stop());
    }
    for (const [i, { runtime, id }] of plan.entries()) {
      const info = scenarioById(id)!;
      console.log(`\n[${i + 1}/${plan.length}] ${id} (${runtime.name}): ${info.title}`);
      const { traceId } = await runtime.run(id);
      experimentId ??= (await getExperimentByName(mlflow.trackingUri, EXPERIMENT))?.experiment_id;
      if (!experimentId) throw new Error(`experiment "${EXPERIMENT}" is missing in MLflow after the first trace`);
      const trace = await readLandedTrace(mlflow.trackingUri, traceId);
      const problems = shapeProblems(info.spans, trace);
      const result: ScenarioResult = { scenario: id, runtime: runtime.name, url: traceUrl(mlflow.trackingUri, experimentId, traceId), trace, problems };
      results.push(result);
      const facts = [
        `${trace.spans.length} span${trace.spans.length === 1 ? "" : "s"} (${spanTree(trace.spans)})`,
        trace.totalTokens === undefined ? "no token usage" : `${trace.totalTokens} tokens`,
        ...(trace.gatewayRequestId ? [`Kong request id ${trace.gatewayRequestId}`] : []),
      ];
      console.log(`  ${problems.length ? "✗" : "✓"} landed in MLflow: trace ${traceId}, ${facts.join(", ")}`);
      for (const p of problems) console.log(`    problem: ${p}`);
      console.log(`    ${result.url}`);
      if (id === "basic" && runtime.name === "node") {
        const feedback = await thumbsUp(traceId);
        console.log(`    👍 thumbs-up recorded on the trace as MLflow feedback "${feedback.name}" (${feedback.assessmentId})`);
      }
    }
    await endPhase();

    console.log(`\n${results.length} trace(s) in MLflow experiment "${EXPERIMENT}" (id ${experimentId}):\n`);
    console.log(summaryTable(results));
    if (results.some((r) => r.trace.totalTokens === undefined && r.trace.gatewayRequestId)) {
      console.log("(tokens '-': the response carried no usage; streams report it only with stream_options.include_usage)");
    }
    if (args.json) {
      const report: DemoReport = {
        mlflow: { trackingUri: mlflow.trackingUri, version: mlflow.version, experimentId: experimentId!, experimentName: EXPERIMENT, startedByDemo: !!mlflow.started },
        gateway: { url: gateway.url, standin: !!gateway.started },
        results,
      };
      writeReport(args.json, report);
    }
    const failed = results.filter((r) => r.problems.length > 0);
    if (failed.length) {
      console.error(`\ndemo failed: ${failed.map((r) => r.scenario).join(", ")} did not land as expected (see above).`);
      return 1;
    }

    if (!args.once && mlflow.started) {
      console.log(`\nMLflow UI: ${mlflow.trackingUri}/#/experiments/${experimentId}/traces  (Ctrl-C to stop)`);
      await new Promise<void>((resolve) => {
        const keepAlive = setInterval(() => undefined, 1 << 30); // signal listeners alone do not keep Node running
        const stop = () => {
          clearInterval(keepAlive);
          resolve();
        };
        process.once("SIGINT", stop);
        process.once("SIGTERM", stop);
      });
      console.log("\nstopping MLflow ...");
    }
    return 0;
  } finally {
    await endPhase();
    await stopMlflow?.().catch(() => undefined);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\ndemo failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);
