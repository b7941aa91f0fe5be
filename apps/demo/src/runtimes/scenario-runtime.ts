import type { RuntimeName, ScenarioId } from "../scenarios/catalog";

/** Where a runtime sends traces and LLM calls. */
export interface RuntimeTargets {
  /** The MLflow tracking server. */
  trackingUri: string;
  /** The experiment every scenario logs to (created when missing). */
  experimentName: string;
  /** Kong's proxy URL (the local stand-in's when the demo started it). */
  gatewayUrl: string;
}

/** What running one scenario left behind. */
export interface ScenarioRun {
  /** The MLflow trace id of the scenario's trace, already exported. */
  traceId: string;
}

/**
 * Runs the guide's scenarios in one runtime. The Node runtime calls the
 * scenario functions in this process; an edge-worker or browser runtime
 * would load its own variant of each scenario (e.g. `scenarios/edge/*.ts`)
 * into that runtime and report the trace id back.
 */
export interface ScenarioRuntime {
  readonly name: RuntimeName;
  /** The scenarios this runtime has a variant of, in run order. */
  readonly scenarios: readonly ScenarioId[];
  /** Configures tracing in the runtime. Called once before any `run`. */
  start(targets: RuntimeTargets): Promise<void>;
  /** Runs one scenario to the end and waits until its trace was exported. */
  run(id: ScenarioId): Promise<ScenarioRun>;
  /** Releases what `start` set up. */
  stop(): Promise<void>;
}
