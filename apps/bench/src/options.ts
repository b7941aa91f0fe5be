import type { SideBySideOptions } from "./side-by-side";
import { VARIANTS, type VariantName } from "./protocol";

const PHASES = ["side-by-side", "isolated", "export", "startup", "profile"] as const;

/** Everything one bench run does; `--smoke` shrinks every count. */
export interface BenchOptions {
  sideBySide: SideBySideOptions;
  /** The same variants with the upstream replayed in-process: the client and the tracer alone. */
  isolated: SideBySideOptions;
  export: { oneSpanTraces: number; tenSpanTraces: number; queuedTraces: number; transports: Array<"otlp" | "native"> };
  startup: { importRuns: number };
  profile: { calls: number; streams: number };
  /** An MLflow to use instead of starting one. */
  mlflowUri: string | undefined;
  /** Where latest.json / latest.md go. */
  outDir: string | undefined;
  smoke: boolean;
  /** Phases left out (`--skip export,startup,profile`). */
  skip: Set<(typeof PHASES)[number]>;
}

const FULL: Omit<BenchOptions, "mlflowUri" | "outDir" | "smoke" | "skip"> = {
  sideBySide: {
    variants: VARIANTS,
    runs: 3,
    rounds: 12,
    callsPerBlock: 200,
    streamRounds: 8,
    streamsPerBlock: 12,
    chunks: 200,
    warmupCalls: 300,
    warmupStreams: 10,
  },
  isolated: {
    variants: VARIANTS,
    runs: 2,
    rounds: 10,
    callsPerBlock: 300,
    streamRounds: 6,
    streamsPerBlock: 20,
    chunks: 200,
    warmupCalls: 500,
    warmupStreams: 20,
  },
  export: { oneSpanTraces: 1000, tenSpanTraces: 200, queuedTraces: 10_000, transports: ["otlp", "native"] },
  startup: { importRuns: 15 },
  profile: { calls: 2000, streams: 100 },
};

const SMOKE: Omit<BenchOptions, "mlflowUri" | "outDir" | "smoke" | "skip"> = {
  sideBySide: { ...FULL.sideBySide, runs: 1, rounds: 2, callsPerBlock: 10, streamRounds: 1, streamsPerBlock: 2, chunks: 20, warmupCalls: 5, warmupStreams: 1 },
  isolated: { ...FULL.isolated, runs: 1, rounds: 2, callsPerBlock: 10, streamRounds: 1, streamsPerBlock: 2, chunks: 20, warmupCalls: 5, warmupStreams: 1 },
  export: { oneSpanTraces: 20, tenSpanTraces: 5, queuedTraces: 100, transports: ["otlp"] },
  startup: { importRuns: 1 },
  profile: { calls: 20, streams: 2 },
};


const USAGE = `usage: ./scripts/bench.sh [--smoke] [--runs N] [--rounds N] [--calls N] [--variants a,b] [--skip ${PHASES.join(",")}] [--mlflow-uri URL] [--out DIR]`;

/** Parses the command line. */
export function parseOptions(argv: string[]): BenchOptions {
  const smoke = argv.includes("--smoke");
  const base = structuredClone(smoke ? SMOKE : FULL);
  const o: BenchOptions = { ...base, mlflowUri: process.env.BENCH_MLFLOW_URI, outDir: undefined, smoke, skip: new Set() };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${arg} needs a value. ${USAGE}`);
      return v;
    };
    const int = () => {
      const n = Number(value());
      if (!Number.isInteger(n) || n <= 0) throw new Error(`${arg} needs a positive integer. ${USAGE}`);
      return n;
    };
    switch (arg) {
      case "--smoke":
        break;
      case "--runs":
        o.sideBySide.runs = int();
        break;
      case "--rounds":
        o.sideBySide.rounds = int();
        break;
      case "--calls":
        o.sideBySide.callsPerBlock = int();
        break;
      case "--variants": {
        const names = value().split(",");
        for (const n of names) if (!(VARIANTS as readonly string[]).includes(n)) throw new Error(`unknown variant ${n}; known: ${VARIANTS.join(", ")}`);
        if (!names.includes("raw")) names.unshift("raw");
        o.sideBySide.variants = names as VariantName[];
        o.isolated.variants = names as VariantName[];
        break;
      }
      case "--no-profile":
        o.skip.add("profile");
        break;
      case "--skip":
        for (const phase of value().split(",")) {
          if (!PHASES.includes(phase as never)) throw new Error(`--skip: unknown phase ${phase}; phases: ${PHASES.join(", ")}`);
          o.skip.add(phase as never);
        }
        break;
      case "--mlflow-uri":
        o.mlflowUri = value();
        break;
      case "--out":
        o.outDir = value();
        break;
      case "--help":
        console.log(USAGE);
        process.exit(0);
      default:
        throw new Error(`unknown argument ${arg}. ${USAGE}`);
    }
  }
  return o;
}
