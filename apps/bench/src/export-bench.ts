import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { ExportTask, MemoryResult, ThroughputResult } from "./export-worker";

const run = promisify(execFile);
const script = fileURLToPath(new URL("./export-worker.js", import.meta.url));

/** Export results: throughput per transport and trace shape, and memory with a full queue. */
export interface ExportResults {
  throughput: ThroughputResult[];
  memory: MemoryResult;
}

async function inProcess<T>(task: ExportTask, execArgv: string[] = []): Promise<T> {
  const { stdout } = await run(process.execPath, [...execArgv, script, JSON.stringify(task)], { maxBuffer: 1 << 20, timeout: 300_000 });
  return JSON.parse(stdout.trim().split("\n").at(-1)!) as T;
}

/** Runs each export measurement in a fresh process against the real MLflow. */
export async function runExportBench(
  target: { trackingUri: string; experimentId: string },
  o: { oneSpanTraces: number; tenSpanTraces: number; queuedTraces: number; transports: Array<"otlp" | "native"> },
  log: (line: string) => void,
): Promise<ExportResults> {
  const throughput: ThroughputResult[] = [];
  for (const transport of o.transports) {
    for (const spansPerTrace of [1, 10] as const) {
      // The native path sends two requests per trace: fewer traces keep it to seconds.
      const full = spansPerTrace === 1 ? o.oneSpanTraces : o.tenSpanTraces;
      const count = transport === "native" ? Math.max(10, Math.round(full / 5)) : full;
      const r = await inProcess<ThroughputResult>({ mode: "throughput", spansPerTrace, count, transport, ...target });
      log(`  export ${transport}, ${spansPerTrace}-span traces: ${Math.round(r.tracesPerSec)} traces/s, exporter CPU ${Math.round(r.exportCpuUsPerTrace)} µs/trace (${r.exported}/${r.count} exported)`);
      throughput.push(r);
    }
  }
  const memory = await inProcess<MemoryResult>({ mode: "memory", count: o.queuedTraces, ...target }, ["--expose-gc"]);
  log(`  memory: ${memory.held} traces held: heap +${(memory.heapQueuedMiB - memory.heapBeforeMiB).toFixed(1)} MiB (${Math.round(memory.heapBytesPerTrace)} B/trace), peak RSS ${memory.peakRssMiB.toFixed(0)} MiB`);
  return { throughput, memory };
}
