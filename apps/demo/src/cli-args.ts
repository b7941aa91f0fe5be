import { existsSync } from "node:fs";
import { SCENARIOS, type RuntimeName, type ScenarioId, scenarioById } from "./scenarios/catalog";

/** The demo's command line, parsed. */
export interface DemoArgs {
  /** Run the scenarios and exit instead of keeping the MLflow UI up. */
  once: boolean;
  /** Port for the MLflow server the demo starts. */
  port: number;
  /** Where that server keeps its data (default `<repo>/.demo/mlflow`). */
  dataDir: string | undefined;
  /** Write a JSON report of the run to this file. */
  json: string | undefined;
  /** The scenarios to run, in order. */
  scenarios: ScenarioId[];
  /** The runtimes to run them in. */
  runtimes: RuntimeName[];
  help: boolean;
}

export const USAGE = `usage: ./scripts/demo.sh [options]      (or: node apps/demo/dist/main.js [options])

Runs the Kong AI Gateway tracing guide's scenarios, traced into MLflow, prints
each trace's MLflow UI link and a summary, and keeps the MLflow UI up until Ctrl-C.

  --once              run the scenarios and exit (implied by CI=true)
  --port <n>          port for the MLflow server the demo starts (default 5000)
  --data-dir <dir>    where that server keeps its data (default .demo/mlflow)
  --only <ids>        comma-separated scenarios to run: ${SCENARIOS.map((s) => s.id).join(", ")}
  --runtime <names>   comma-separated runtimes: node, edge (a Cloudflare Worker in workerd),
                      browser (a page in headless Chromium); default: all three, browser
                      only when Chromium is installed
  --json <file>       also write a JSON report of what landed in MLflow
  -h, --help          show this help

Environment: MLFLOW_TRACKING_URI uses that MLflow server instead of starting one;
KONG_GATEWAY_URL (with KONG_API_KEY, KONG_ROUTE_PATH, KONG_DEFAULT_MODEL, ...) uses
that Kong instead of the local stand-in.`;

const RUNTIMES: readonly RuntimeName[] = ["node", "edge", "browser"];

function list(value: string | undefined, flag: string): string[] {
  if (value === undefined || value.startsWith("--")) throw new Error(`${flag} needs a value (see --help).`);
  return value.split(",").map((v) => v.trim()).filter(Boolean);
}

/** Node and edge always; the browser too when Chromium is there ($CHROMIUM_PATH, else /usr/bin/chromium). */
function defaultRuntimes(env: NodeJS.ProcessEnv): RuntimeName[] {
  return existsSync(env.CHROMIUM_PATH || "/usr/bin/chromium") ? ["node", "edge", "browser"] : ["node", "edge"];
}

/** Parses the demo's arguments; throws an Error saying what is wrong. */
export function parseArgs(argv: readonly string[], env: NodeJS.ProcessEnv = process.env): DemoArgs {
  const args: DemoArgs = { once: env.CI === "true", port: 5000, dataDir: undefined, json: undefined, scenarios: SCENARIOS.map((s) => s.id), runtimes: defaultRuntimes(env), help: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => list(argv[++i], arg)[0]!;
    switch (arg) {
      case "--once":
        args.once = true;
        break;
      case "--port": {
        const raw = value();
        const port = Number(raw);
        if (!Number.isInteger(port) || port <= 0 || port > 65535) throw new Error(`--port: "${raw}" is not a port number.`);
        args.port = port;
        break;
      }
      case "--data-dir":
        args.dataDir = value();
        break;
      case "--json":
        args.json = value();
        break;
      case "--only":
        args.scenarios = list(argv[++i], arg).map((id) => {
          if (!scenarioById(id)) throw new Error(`--only: no scenario "${id}"; there are ${SCENARIOS.map((s) => s.id).join(", ")}.`);
          return id as ScenarioId;
        });
        break;
      case "--runtime":
        args.runtimes = list(argv[++i], arg).map((name) => {
          if (!RUNTIMES.includes(name as RuntimeName)) throw new Error(`--runtime: no runtime "${name}"; there are ${RUNTIMES.join(", ")}.`);
          return name as RuntimeName;
        });
        break;
      case "-h":
      case "--help":
        args.help = true;
        break;
      default:
        throw new Error(`unknown argument "${arg}" (see --help).`);
    }
  }
  return args;
}
