import { fileURLToPath } from "node:url";
import { Child } from "./child";
import type { CallsBlock, StreamsBlock, TraceCounts, VariantName, WorkerMessage } from "./protocol";
import type { VariantTargets } from "./variants";

/** How much to run. A run restarts every worker; rounds interleave the variants inside a run. */
export interface SideBySideOptions {
  variants: readonly VariantName[];
  runs: number;
  rounds: number;
  callsPerBlock: number;
  streamRounds: number;
  streamsPerBlock: number;
  chunks: number;
  warmupCalls: number;
  warmupStreams: number;
}

/** One measured block, tagged with where it ran. */
export interface Tagged<T> {
  variant: VariantName;
  run: number;
  round: number;
  /** Position of the variant in its round (the order rotates every round). */
  slot: number;
  block: T;
}

/** Everything the side-by-side phase measured. */
export interface SideBySideData {
  calls: Tagged<CallsBlock>[];
  streams: Tagged<StreamsBlock>[];
  /** Per variant: Node version and what was loaded. */
  workers: Partial<Record<VariantName, { node: string; detail: string; tracesByRun: TraceCounts[] }>>;
}

const workerScript = fileURLToPath(new URL("./worker.js", import.meta.url));

/**
 * The order of the variants in a round: a shuffle seeded by the round, so no
 * variant always runs first, last, or right after the same neighbour (a
 * rotation keeps neighbours, and one process's caches and timers then always
 * follow the same other's).
 */
function orderFor(variants: readonly VariantName[], k: number): VariantName[] {
  let seed = (k + 1) * 0x9e3779b1;
  const random = () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const order = [...variants];
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

/**
 * Runs every variant in its own process against the same stand-in and
 * MLflow, in interleaved rounds: per round, each variant runs one block while
 * every other worker waits idle.
 */
export async function runSideBySide(targets: VariantTargets, o: SideBySideOptions, log: (line: string) => void): Promise<SideBySideData> {
  const data: SideBySideData = { calls: [], streams: [], workers: {} };
  for (let run = 0; run < o.runs; run++) {
    const workers = new Map<VariantName, Child<WorkerMessage>>();
    try {
      for (const v of o.variants) {
        const child = new Child<WorkerMessage>(workerScript, [v, JSON.stringify(targets)]);
        workers.set(v, child);
        const ready = await child.next();
        if (ready.type === "ready") data.workers[v] ??= { node: ready.node, detail: ready.detail, tracesByRun: [] };
        data.workers[v]!.tracesByRun[run] = { recorded: 0 };
      }
      for (const v of o.variants) {
        await workers.get(v)!.request({ cmd: "warmup", calls: o.warmupCalls, streams: o.warmupStreams, chunks: o.chunks });
      }
      for (let round = 0; round < o.rounds; round++) {
        const order = orderFor(o.variants, run * 1000 + round);
        for (const [slot, v] of order.entries()) {
          const answer = await workers.get(v)!.request({ cmd: "calls", n: o.callsPerBlock });
          if (answer.type === "done" && answer.result?.kind === "calls") data.calls.push({ variant: v, run, round, slot, block: answer.result });
          if (answer.type === "done" && answer.traces) data.workers[v]!.tracesByRun[run] = answer.traces;
        }
        log(`  run ${run + 1}/${o.runs}: calls round ${round + 1}/${o.rounds} done`);
      }
      for (let round = 0; round < o.streamRounds; round++) {
        const order = orderFor(o.variants, run * 1000 + 500 + round);
        for (const [slot, v] of order.entries()) {
          const answer = await workers.get(v)!.request({ cmd: "streams", n: o.streamsPerBlock, chunks: o.chunks });
          if (answer.type === "done" && answer.result?.kind === "streams") data.streams.push({ variant: v, run, round, slot, block: answer.result });
          if (answer.type === "done" && answer.traces) data.workers[v]!.tracesByRun[run] = answer.traces;
        }
        log(`  run ${run + 1}/${o.runs}: stream round ${round + 1}/${o.streamRounds} done`);
      }
    } finally {
      await Promise.all([...workers.values()].map((w) => w.stop()));
    }
  }
  return data;
}
