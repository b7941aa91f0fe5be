import { parseArgs } from "node:util";
import { type DoctorOptions, type DoctorSettingKey, type KongGatewaySettings, type TracingOptions, runDoctor } from "@kong-mlflow/core";
import { formatCheck, formatTotals } from "./format-check";

/** Where the CLI writes. */
export interface CliIo {
  out(line: string): void;
  err(line: string): void;
}

/** A bad command line: exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

export const DOCTOR_HELP = `Usage: kong-mlflow doctor [options]

Checks your kong-mlflow set-up end to end, from the same environment variables
your application reads: MLflow answers and its version, the experiment exists,
which export path is used, a test trace lands and reads back, the gateway URL
is Kong, its route and consumer key work, and one small chat call succeeds.
Exits 1 when a check fails.

Options (each overrides its environment variable):
  --tracking-uri <url>      MLflow server           MLFLOW_TRACKING_URI
  --experiment-id <id>      experiment by id        MLFLOW_EXPERIMENT_ID
  --experiment-name <name>  experiment by name      MLFLOW_EXPERIMENT_NAME
  --transport <mode>        auto | otlp | native    KONG_MLFLOW_EXPORT_TRANSPORT
  --gateway-url <url>       Kong's proxy URL        KONG_GATEWAY_URL
  --route-path <path>       the AI route's path     KONG_ROUTE_PATH
  --model <name>            model for the chat call KONG_DEFAULT_MODEL
  --no-chat                 skip the chat call (it is a real, tiny LLM call)
  --no-gateway              skip the gateway checks
  --timeout <ms>            per-request timeout (default 10000)
  --json                    print the report as JSON
  -h, --help                show this help

Secrets are read from the environment only: MLFLOW_TRACKING_USERNAME,
MLFLOW_TRACKING_PASSWORD, MLFLOW_TRACKING_TOKEN, KONG_API_KEY (header:
KONG_API_KEY_HEADER, default apikey) and OPENAI_API_KEY.`;

const FLAGS: Partial<Record<DoctorSettingKey, string>> = {
  trackingUri: "--tracking-uri",
  experimentId: "--experiment-id",
  experimentName: "--experiment-name",
  transport: "--transport",
  gatewayUrl: "--gateway-url",
  routePath: "--route-path",
  model: "--model",
};

/** Turns doctor's command line into `runDoctor` options. Throws {@link UsageError}. */
export function parseDoctorArgs(argv: string[]): { help: boolean; json: boolean; options: DoctorOptions } {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        "tracking-uri": { type: "string" },
        "experiment-id": { type: "string" },
        "experiment-name": { type: "string" },
        transport: { type: "string" },
        "gateway-url": { type: "string" },
        "route-path": { type: "string" },
        model: { type: "string" },
        "no-chat": { type: "boolean" },
        "no-gateway": { type: "boolean" },
        timeout: { type: "string" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    }));
  } catch (error) {
    throw new UsageError((error as Error).message);
  }
  const tracing: TracingOptions = {};
  if (values["tracking-uri"] !== undefined) tracing.trackingUri = values["tracking-uri"];
  if (values["experiment-id"] !== undefined) tracing.experimentId = values["experiment-id"];
  if (values["experiment-name"] !== undefined) tracing.experimentName = values["experiment-name"];
  if (values.transport !== undefined) tracing.transport = values.transport as TracingOptions["transport"];
  const gateway: KongGatewaySettings = {};
  if (values["gateway-url"] !== undefined) gateway.url = values["gateway-url"];
  if (values["route-path"] !== undefined) gateway.routePath = values["route-path"];
  if (values.model !== undefined) gateway.model = values.model;
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    timeoutMs = Number(values.timeout);
    if (!Number.isFinite(timeoutMs) || timeoutMs <= 0) throw new UsageError(`--timeout: "${values.timeout}" is not a positive number of milliseconds.`);
  }
  return {
    help: values.help === true,
    json: values.json === true,
    options: {
      tracing,
      gateway: values["no-gateway"] ? false : gateway,
      chat: values["no-chat"] !== true,
      labels: FLAGS,
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    },
  };
}

/** `kong-mlflow doctor`: runs the checks, prints one line each, returns the exit code. */
export async function doctorCommand(argv: string[], io: CliIo): Promise<number> {
  const { help, json, options } = parseDoctorArgs(argv);
  if (help) {
    io.out(DOCTOR_HELP);
    return 0;
  }
  if (!json) io.out("kong-mlflow doctor");
  const report = await runDoctor({ ...options, ...(json ? {} : { onCheck: (check) => io.out(formatCheck(check)) }) });
  if (json) io.out(JSON.stringify(report, null, 2));
  else io.out(`\n${formatTotals(report)}`);
  return report.ok ? 0 : 1;
}
