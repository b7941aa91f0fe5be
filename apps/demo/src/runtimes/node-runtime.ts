import { flushTraces, getExportDiagnostics, getLastActiveTraceId } from "@kong-mlflow/node";
import { basicChat } from "../scenarios/basic-chat";
import type { ScenarioId } from "../scenarios/catalog";
import { manualTracing } from "../scenarios/manual-tracing";
import { DEMO_EXPERIMENT, setUpTracing } from "../scenarios/node-setup";
import { streaming } from "../scenarios/streaming";
import { tracedFunction } from "../scenarios/traced-function";
import type { RuntimeTargets, ScenarioRun, ScenarioRuntime } from "./scenario-runtime";

const NODE_SCENARIOS: Record<ScenarioId, () => Promise<unknown>> = {
  basic: basicChat,
  "traced-function": tracedFunction,
  streaming,
  "manual-tracing": manualTracing,
};

/** Runs the scenarios in this Node process, with `@kong-mlflow/node`. */
export function nodeRuntime(): ScenarioRuntime {
  return {
    name: "node",
    scenarios: Object.keys(NODE_SCENARIOS) as ScenarioId[],
    async start(targets: RuntimeTargets) {
      if (targets.experimentName !== DEMO_EXPERIMENT) throw new Error(`the Node scenarios log to "${DEMO_EXPERIMENT}", not "${targets.experimentName}"`);
      // The scenarios configure tracing and their client from the environment, as an app would.
      process.env.MLFLOW_TRACKING_URI = targets.trackingUri;
      process.env.KONG_GATEWAY_URL = targets.gatewayUrl;
      delete process.env.MLFLOW_EXPERIMENT_ID; // it would win over the experiment name
      setUpTracing();
    },
    async run(id: ScenarioId): Promise<ScenarioRun> {
      const before = getLastActiveTraceId();
      const failedBefore = getExportDiagnostics().failed;
      await NODE_SCENARIOS[id]();
      await flushTraces();
      const traceId = getLastActiveTraceId();
      if (!traceId || traceId === before) throw new Error(`scenario ${id} finished without a trace`);
      const diag = getExportDiagnostics();
      if (diag.failed > failedBefore || diag.dropped) throw new Error(`the trace of scenario ${id} did not reach MLflow: ${JSON.stringify(diag)}`);
      return { traceId };
    },
    async stop() {
      await flushTraces();
    },
  };
}
