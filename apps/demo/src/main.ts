import { flushTraces, getExportDiagnostics, getLastActiveTraceId, init } from "@kong-mlflow/node";
import { getExperimentByName } from "@kong-mlflow/testkit";
import { mlflowTarget } from "./mlflow-target";
import { type ScenarioResult, printSummary, traceUrl } from "./report";
import { answerFromDocs } from "./scenarios/manual-tracing";

const EXPERIMENT = "kong-mlflow-demo";

function parseArgs(argv: string[]): { once: boolean; port: number } {
  const once = argv.includes("--once") || process.env.CI === "true";
  const portArg = argv.indexOf("--port");
  const port = portArg >= 0 ? Number(argv[portArg + 1]) : 5000;
  if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port: "${argv[portArg + 1]}" is not a port number.`);
  return { once, port };
}

async function main(): Promise<void> {
  const { once, port } = parseArgs(process.argv.slice(2));
  console.log("kong-mlflow demo");
  const target = await mlflowTarget(port);
  console.log(`- MLflow ${target.version} at ${target.trackingUri}${target.started ? " (started by the demo)" : ""}`);

  init({ trackingUri: target.trackingUri, experimentName: EXPERIMENT });
  const results: ScenarioResult[] = [];

  console.log("- scenario manual-tracing: a traced CHAIN with a retriever, a tool and a parser nested inside");
  const answer = await answerFromDocs("Kong gateway latency");
  console.log(`  answer: ${answer}`);
  results.push({ scenario: "manual-tracing", traceId: getLastActiveTraceId()! });

  await flushTraces();
  const diag = getExportDiagnostics();
  if (diag.failed || diag.dropped) throw new Error(`some traces did not reach MLflow: ${JSON.stringify(diag)}`);
  const experiment = await getExperimentByName(target.trackingUri, EXPERIMENT);
  console.log(`- ${diag.exported} trace(s) landed in experiment "${EXPERIMENT}" (id ${experiment!.experiment_id}):`);
  for (const r of results) console.log(`  ${r.scenario}: ${traceUrl(target.trackingUri, experiment!.experiment_id, r.traceId)}`);
  await printSummary(target.trackingUri, results);

  if (once || !target.started) {
    await target.started?.stop();
    return;
  }
  console.log(`\nMLflow UI: ${target.trackingUri}  (Ctrl-C to stop)`);
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  await target.started.stop();
}

main().catch((error: unknown) => {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
