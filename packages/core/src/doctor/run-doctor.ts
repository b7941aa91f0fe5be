import { readEnv } from "../config/env";
import { resolveOptions } from "../config/resolve-options";
import { ConfigurationError } from "../errors";
import { kongGateway } from "../gateway/kong-gateway";
import { checkChat } from "./check-chat";
import { checkExperiment } from "./check-experiment";
import { gatewayAccess, gatewayIdentity, probeGateway } from "./check-gateway";
import { checkMlflowServer } from "./check-mlflow-server";
import { type Outcome, fail, skip } from "./check-outcome";
import { checkTestTrace } from "./check-test-trace";
import { checkTransport } from "./check-transport";
import type { MlflowContext } from "./doctor-context";
import type { DoctorCheck, DoctorCheckId, DoctorOptions, DoctorReport } from "./doctor-types";
import type { GatewayContext } from "./gateway-context";

const TITLES: Record<DoctorCheckId, string> = {
  mlflow: "MLflow server",
  experiment: "experiment",
  transport: "export transport",
  "test-trace": "test trace",
  gateway: "Kong gateway",
  "gateway-auth": "gateway access",
  chat: "chat call",
};

function configFailure(error: unknown): Outcome {
  if (ConfigurationError.isInstance(error)) return fail(error.message);
  throw error;
}

/**
 * Checks a kong-mlflow set-up end to end, from the same options and
 * environment variables the application uses: MLflow answers (and its
 * version), the experiment exists, which export path `init()` will take, a
 * test trace written through the real exporter lands and reads back, the
 * gateway URL is Kong, its route and consumer key let a call through, and
 * one small chat call works. Each check names the setting at fault and
 * says what to do. Never throws; `report.ok` is false when a check failed.
 * The application's own tracing configuration is left as it was.
 *
 * @example
 * const report = await runDoctor({ onCheck: (c) => console.log(c.status, c.title, c.summary) });
 * if (!report.ok) process.exitCode = 1;
 */
export async function runDoctor(options: DoctorOptions = {}): Promise<DoctorReport> {
  const checks: DoctorCheck[] = [];
  const timeoutMs = options.timeoutMs ?? 10_000;
  const labels = options.labels ?? {};
  const fetchImpl = options.fetch ?? options.tracing?.fetch ?? fetch.bind(globalThis);

  const record = async (id: DoctorCheckId, fn: () => Outcome | Promise<Outcome>): Promise<DoctorCheck> => {
    const started = Date.now();
    let outcome: Outcome;
    try {
      outcome = await fn();
    } catch (error) {
      outcome = fail(`the check itself failed: ${error instanceof Error ? error.message : String(error)}`);
    }
    const check: DoctorCheck = { id, title: TITLES[id], ...outcome, durationMs: Date.now() - started };
    checks.push(check);
    options.onCheck?.(check);
    return check;
  };
  const skipAll = async (ids: DoctorCheckId[], outcome: Outcome) => {
    for (const id of ids) await record(id, () => outcome);
  };

  // MLflow
  const given = { ...options.tracing, fetch: fetchImpl };
  let ctx: MlflowContext | undefined;
  let version = "";
  const server = await record("mlflow", async () => {
    try {
      const resolved = resolveOptions(given);
      ctx = { resolved, given, labels, timeoutMs, http: { trackingUri: resolved.trackingUri, headers: resolved.headers, requestTimeoutMs: timeoutMs, fetch: fetchImpl } };
    } catch (error) {
      const outcome = configFailure(error);
      const missing = given.trackingUri === undefined && readEnv("MLFLOW_TRACKING_URI") === undefined;
      return missing ? fail("no MLflow tracking URI is set", `Set MLFLOW_TRACKING_URI${labels.trackingUri ? ` or pass ${labels.trackingUri}` : ""}, e.g. http://127.0.0.1:5000.`) : outcome;
    }
    const found = await checkMlflowServer(ctx);
    version = found.version ?? "";
    return found.outcome;
  });
  if (server.status !== "pass" || !ctx) {
    await skipAll(["experiment", "transport", "test-trace"], skip("skipped: MLflow is not reachable"));
  } else {
    const mlflow = ctx;
    let experimentId: string | undefined;
    const experiment = await record("experiment", async () => {
      const found = await checkExperiment(mlflow);
      experimentId = found.experimentId;
      return found.outcome;
    });
    const transport = await record("transport", async () => (await checkTransport(mlflow, version)).outcome);
    if (experiment.status !== "pass" || transport.status !== "pass") {
      await record("test-trace", () => skip(`skipped: the ${experiment.status !== "pass" ? "experiment" : "export transport"} check failed`));
    } else {
      await record("test-trace", () => checkTestTrace(mlflow, experimentId));
    }
  }

  // Kong AI Gateway
  const gatewayIds: DoctorCheckId[] = ["gateway", "gateway-auth", "chat"];
  const settings = options.gateway;
  if (settings === false) {
    await skipAll(gatewayIds, skip("skipped: gateway checks are turned off"));
  } else if ((settings?.url ?? readEnv("KONG_GATEWAY_URL")) === undefined) {
    await record("gateway", () => skip("skipped: no gateway configured", `Set KONG_GATEWAY_URL${labels.gatewayUrl ? ` or pass ${labels.gatewayUrl}` : ""} to check Kong too.`));
    await skipAll(["gateway-auth", "chat"], skip("skipped: no gateway configured"));
  } else {
    let gw: GatewayContext | undefined;
    let answer: Awaited<ReturnType<typeof probeGateway>> | undefined;
    const identity = await record("gateway", async () => {
      try {
        gw = { gateway: kongGateway(settings ?? {}), given: settings ?? {}, labels, fetch: fetchImpl, timeoutMs };
      } catch (error) {
        return configFailure(error);
      }
      answer = await probeGateway(gw);
      return gatewayIdentity(gw, answer);
    });
    if (identity.status !== "pass" || !gw || !answer?.ok) {
      await skipAll(["gateway-auth", "chat"], skip("skipped: the gateway check failed"));
    } else {
      const ready = { ...answer };
      const context = gw;
      const access = await record("gateway-auth", () => gatewayAccess(context, ready));
      if (options.chat === false) await record("chat", () => skip("skipped: turned off"));
      else if (access.status !== "pass") await record("chat", () => skip("skipped: the gateway access check failed"));
      else await record("chat", () => checkChat(context));
    }
  }
  return { ok: !checks.some((c) => c.status === "fail"), checks };
}
