import type { CallsSummary, StreamsSummary } from "./analyze";
import type { Environment } from "./environment";
import type { ExportResults } from "./export-bench";
import type { ProfileResult } from "./profile-bench";
import { VARIANT_LABELS, type VariantName } from "./protocol";
import type { SideBySideOptions } from "./side-by-side";
import type { Spread } from "./stats";
import type { BundleResult, ImportResult } from "./startup-bench";

/** The issue's goals for the traced variant. */
export const GOALS = { addedCpuUsPerCall: 50, wallRatio: 1.03, ttftRatio: 1.01, addedCpuUsPerChunk: 2 } as const;

/** Everything one run produced: what `latest.json` holds. */
export interface BenchReport {
  command: string;
  environment: Environment;
  options: SideBySideOptions;
  workers: Record<string, unknown>;
  calls: Partial<Record<VariantName, CallsSummary>>;
  streams: Partial<Record<VariantName, StreamsSummary>>;
  /** The same comparison with the upstream replayed in-process (no sockets): the wrappers' own cost. */
  isolated?: { options: SideBySideOptions; calls: Partial<Record<VariantName, CallsSummary>>; streams: Partial<Record<VariantName, StreamsSummary>> };
  export?: ExportResults;
  bundles?: BundleResult[];
  imports?: ImportResult[];
  profiles?: Array<Omit<ProfileResult, "file"> & { file: string }>;
  goals: Array<{ goal: string; target: string; measured: string; met: boolean | undefined }>;
  durationS: number;
  /** Every measured block: CPU per call (or per stream) and the median wall time (or TTFT). */
  /** Phases that failed, and why (the others' figures stand). */
  errors: string[];
  blocks: Array<{ kind: string; variant: VariantName; run: number; round: number; slot: number; cpuUsPerItem: number; medianUs: number; flushUs: number }>;
}

const f = (n: number | undefined, d = 1) => (n === undefined || Number.isNaN(n) ? "–" : n.toFixed(d));
const iqr = (s: Spread | undefined, d = 1) => (s ? `${f(s.median, d)} [${f(s.p25, d)}, ${f(s.p75, d)}]` : "–");
const kib = (b: number | undefined) => (b === undefined ? "–" : `${(b / 1024).toFixed(1)} KiB`);

/** Checks the goals against the traced variant's figures. */
export function checkGoals(calls: BenchReport["calls"], streams: BenchReport["streams"]): BenchReport["goals"] {
  const c = calls["kong-mlflow"];
  const s = streams["kong-mlflow"];
  const row = (goal: string, target: string, value: number | undefined, limit: number, d: number, extra = "") => ({
    goal,
    target,
    measured: value === undefined ? "not measured" : `${f(value, d)}${extra}`,
    met: value === undefined ? undefined : value <= limit,
  });
  return [
    row("added CPU per non-streaming call", `≤ ${GOALS.addedCpuUsPerCall} µs`, c?.addedCpuUs.median, GOALS.addedCpuUsPerCall, 1, c ? ` µs (IQR ${f(c.addedCpuUs.p25)}…${f(c.addedCpuUs.p75)})` : ""),
    row("wall-time ratio, non-streaming (median)", `≤ ${GOALS.wallRatio}`, c?.wallRatio, GOALS.wallRatio, 3, c ? ` (per round ${f(c.wallRatioByRound.p25, 3)}…${f(c.wallRatioByRound.p75, 3)})` : ""),
    row("TTFT ratio, 200-chunk streams (median)", `≤ ${GOALS.ttftRatio}`, s?.ttftRatio, GOALS.ttftRatio, 3, s ? ` (per round ${f(s.ttftRatioByRound.p25, 3)}…${f(s.ttftRatioByRound.p75, 3)})` : ""),
    row("added CPU per stream chunk", `≤ ${GOALS.addedCpuUsPerChunk} µs`, s?.addedCpuPerChunkUs.median, GOALS.addedCpuUsPerChunk, 2, s ? ` µs (IQR ${f(s.addedCpuPerChunkUs.p25, 2)}…${f(s.addedCpuPerChunkUs.p75, 2)})` : ""),
  ];
}

function headline(r: BenchReport): string[] {
  const cols: VariantName[] = ["raw", "kong-mlflow", "langfuse", "openinference"];
  const present = cols.filter((v) => r.calls[v] || r.streams[v]);
  const ours1 = r.export?.throughput.find((t) => t.transport === "otlp" && t.spansPerTrace === 1);
  const ours10 = r.export?.throughput.find((t) => t.transport === "otlp" && t.spansPerTrace === 10);
  const bundleOf = (v: VariantName) => r.bundles?.find((b) => (v === "kong-mlflow" ? b.name.startsWith("@kong-mlflow/edge (a page") : v === "langfuse" ? b.name.startsWith("Langfuse") : v === "openinference" ? b.name.startsWith("OpenInference") : false));
  const importOf = (v: VariantName) => r.imports?.find((i) => (v === "kong-mlflow" ? i.specifier === "@kong-mlflow/node" : v === "langfuse" ? i.specifier.startsWith("@langfuse") : v === "openinference" ? i.specifier.startsWith("@arizeai") : i.specifier === "openai"));
  const cell = (v: VariantName, metric: string): string => {
    const c = r.calls[v];
    const s = r.streams[v];
    switch (metric) {
      case "cpu":
        return v === "raw" ? `0 (raw: ${f(c?.cpuPerCallUs.median, 0)} µs/call)` : iqr(c?.addedCpuUs);
      case "wall":
        return v === "raw" ? `1 (raw: ${f(c?.wallMedianUs, 0)} µs)` : f(c?.wallRatio, 3);
      case "p99":
        return v === "raw" ? `1 (raw: ${f(c?.wallP99Us, 0)} µs)` : f(c?.p99Ratio, 3);
      case "ttft":
        return v === "raw" ? `1 (raw: ${f(s?.ttftMedianUs, 0)} µs)` : f(s?.ttftRatio, 3);
      case "total":
        return v === "raw" ? `1 (raw: ${f(s ? s.totalMedianUs / 1000 : undefined, 2)} ms)` : f(s?.totalRatio, 3);
      case "chunk":
        return v === "raw" ? "0" : iqr(s?.addedCpuPerChunkUs, 2);
      case "tps":
        return v === "kong-mlflow" ? `${f(ours1?.tracesPerSec, 0)} (1-span), ${f(ours10?.tracesPerSec, 0)} (10-span)` : "– (in-memory exporter)";
      case "ecpu":
        return v === "kong-mlflow" ? `${f(ours1?.exportCpuUsPerTrace, 0)} (1-span), ${f(ours10?.exportCpuUsPerTrace, 0)} (10-span)` : "–";
      case "mem":
        return v === "kong-mlflow" && r.export ? `${f(r.export.memory.heapQueuedMiB - r.export.memory.heapBeforeMiB)} MiB heap (${f(r.export.memory.heapBytesPerTrace / 1024, 2)} KiB/trace); peak RSS ${f(r.export.memory.peakRssMiB, 0)} MiB` : "–";
      case "bundle": {
        const b = bundleOf(v);
        return v === "raw" ? "–" : !b ? "–" : b.ok ? kib(b.gzipBytes) : `fails (${b.error?.slice(0, 80)}…)`;
      }
      case "import": {
        const i = importOf(v);
        return i ? `${f(i.importMs.median)} ms${v === "raw" ? " (openai itself)" : ""}` : "–";
      }
      default:
        return "";
    }
  };
  const rows: Array<[string, string]> = [
    ["added CPU per call, µs (median [IQR] over rounds)", "cpu"],
    ["wall-time ratio, median call", "wall"],
    ["wall-time ratio, p99 call", "p99"],
    ["TTFT ratio, 200-chunk stream", "ttft"],
    ["total-time ratio, 200-chunk stream", "total"],
    ["added CPU per chunk, µs", "chunk"],
    ["export to MLflow, traces/s (OTLP)", "tps"],
    ["exporter CPU per trace, µs", "ecpu"],
    ["memory, 10,000 traces queued", "mem"],
    ["browser/edge bundle, min+gzip", "bundle"],
    ["cold import, ms (median)", "import"],
  ];
  return [
    `| metric | ${present.join(" | ")} |`,
    `|---|${present.map(() => "---").join("|")}|`,
    ...rows.map(([label, key]) => `| ${label} | ${present.map((v) => cell(v, key)).join(" | ")} |`),
  ];
}

/** The Markdown report. */
export function toMarkdown(r: BenchReport): string {
  const e = r.environment;
  const o = r.options;
  const lines: string[] = [];
  lines.push(`# kong-mlflow benchmark`, "");
  lines.push(`${e.startedAt} · Node ${e.node} · ${e.cores} × ${e.cpu} · ${e.memGiB} GiB · commit ${e.gitCommit ?? "?"}${e.gitDirty ? " (packages/ had uncommitted changes)" : ""}`);
  lines.push(`Load average (1/5/15 min) at start ${e.loadStart.join(" / ")}, at end ${e.loadEnd?.join(" / ") ?? "?"}; the machine is shared, so compare figures from the same run. Took ${Math.round(r.durationS)} s.`);
  lines.push("", `Reproduce: \`${r.command}\``, "");
  if (r.errors.length) lines.push(`**Phases that failed:** ${r.errors.map((e) => e.split("\n")[0]).join("; ")}`, "");
  lines.push(`## Goals (the traced variant, against an untraced process)`, "");
  lines.push(`| goal | target | measured | met |`, `|---|---|---|---|`);
  for (const g of r.goals) lines.push(`| ${g.goal} | ${g.target} | ${g.measured} | ${g.met === undefined ? "–" : g.met ? "yes" : "**no**"} |`);
  const aa = r.calls["raw-aa"];
  const aaS = r.streams["raw-aa"];
  if (aa) lines.push("", `Noise floor (A/A: a second untraced process measured like the others): added CPU ${iqr(aa.addedCpuUs)} µs/call, wall ratio ${f(aa.wallRatio, 3)}${aaS ? `, TTFT ratio ${f(aaS.ttftRatio, 3)}, ${iqr(aaS.addedCpuPerChunkUs, 2)} µs/chunk` : ""}.`);
  lines.push("", `## Side by side`, "");
  lines.push(...headline(r));
  lines.push("", `### Every variant`, "");
  lines.push(`| variant | calls | CPU µs/call | added CPU µs/call [IQR] | wall median µs | ratio | p99 µs | p99 ratio | streams | TTFT µs | TTFT ratio | total ms | added CPU µs/chunk [IQR] |`);
  lines.push(`|---|---|---|---|---|---|---|---|---|---|---|---|---|`);
  for (const v of o.variants) {
    const c = r.calls[v];
    const s = r.streams[v];
    lines.push(
      `| ${v}: ${VARIANT_LABELS[v]} | ${c?.calls ?? "–"} | ${f(c?.cpuPerCallUs.median, 0)} | ${v === "raw" ? "–" : iqr(c?.addedCpuUs)} | ${f(c?.wallMedianUs, 0)} | ${f(c?.wallRatio, 3)} | ${f(c?.wallP99Us, 0)} | ${f(c?.p99Ratio, 3)} | ${s?.streams ?? "–"} | ${f(s?.ttftMedianUs, 0)} | ${f(s?.ttftRatio, 3)} | ${f(s ? s.totalMedianUs / 1000 : undefined, 2)} | ${v === "raw" ? "–" : iqr(s?.addedCpuPerChunkUs, 2)} |`,
    );
  }
  lines.push("", `Method: each variant runs in its own Node process (the stand-in and MLflow run in others). ${o.runs} run(s) × ${o.rounds} rounds × ${o.callsPerBlock} calls, and ${o.streamRounds} rounds × ${o.streamsPerBlock} streams of ${o.chunks} chunks; in each round every variant runs one block while the others wait idle, in an order shuffled anew every round. Warm-up: ${o.warmupCalls} calls and ${o.warmupStreams} streams per process. CPU is the whole process's \`process.cpuUsage()\` over a block, with the tracer's flush (ours: real export to MLflow) inside the block. "Added" compares each block with the raw process's block of the same round. Ratios are of pooled medians; "per round" gives the spread of the same ratio round by round. Ours runs with \`batch: { maxBatchSize: 1000, scheduleDelayMs: 60000 }\`, so its export goes out at the flush that ends each block (inside the CPU window) and the co-located MLflow ingests then, not on the cores the timed calls need. Peers use an OTel \`AsyncLocalStorageContextManager\` (as \`NodeSDK\` sets up) and a \`BatchSpanProcessor\` into an \`InMemorySpanExporter\`: they pay no network export.`);

  if (r.isolated) {
    const io = r.isolated.options;
    lines.push("", `## Isolated: the wrappers' own cost (upstream replayed in-process)`, "");
    lines.push(`The client's \`fetch\` replays a recorded stand-in answer in-process (streams: one body chunk per SSE frame), so no socket, no stand-in and no gzip is involved and the baseline CPU per call is small; export to MLflow is still real and flushed inside each block. ${io.runs} run(s) × ${io.rounds} rounds × ${io.callsPerBlock} calls; ${io.streamRounds} rounds × ${io.streamsPerBlock} streams of ${io.chunks} chunks.`, "");
    lines.push(`| variant | CPU µs/call | added CPU µs/call [IQR] | CPU µs/stream | added CPU µs/chunk [IQR] |`, `|---|---|---|---|---|`);
    for (const v of io.variants) {
      const c = r.isolated.calls[v];
      const s = r.isolated.streams[v];
      lines.push(`| ${v} | ${f(c?.cpuPerCallUs.median, 0)} | ${v === "raw" ? "–" : iqr(c?.addedCpuUs)} | ${f(s?.cpuPerStreamUs.median, 0)} | ${v === "raw" ? "–" : iqr(s?.addedCpuPerChunkUs, 2)} |`);
    }
  }
  if (r.export) {
    lines.push("", `## Export to the real MLflow`, "");
    lines.push(`| transport | spans/trace | traces | delivered | traces/s | exporter CPU µs/trace | span-API CPU µs/trace | export wall ms |`, `|---|---|---|---|---|---|---|---|`);
    for (const t of r.export.throughput) {
      lines.push(`| ${t.transport} | ${t.spansPerTrace} | ${t.count} | ${t.exported} (${t.failed} failed) | ${f(t.tracesPerSec, 0)} | ${f(t.exportCpuUsPerTrace, 0)} | ${f(t.createCpuUsPerTrace, 0)} | ${f(t.exportWallMs, 0)} |`);
    }
    const m = r.export.memory;
    lines.push("", `Queue memory: ${m.held} finished 1-span chat traces held (queued + in flight): heap ${f(m.heapBeforeMiB)} → ${f(m.heapQueuedMiB)} MiB (${f(m.heapBytesPerTrace, 0)} B per trace), RSS ${f(m.rssBeforeMiB, 0)} → ${f(m.rssQueuedMiB, 0)} MiB; peak RSS of that process, export included: ${f(m.peakRssMiB, 0)} MiB. ${m.exported} of them were then delivered.`);
    lines.push("", `Traces are made with the span API in a fresh process (a chat span with request, response and the gateway attributes; or an agent root with 9 retriever/tool/chat children), synchronously, then flushed; traces/s = delivered / flush wall time. MLflow runs with SQLite and one worker, so it is the bottleneck; "exporter CPU" is our process's CPU during the flush.`);
  }
  if (r.bundles) {
    lines.push("", `## Bundle size (esbuild, browser, ESM, minified; gzip -9; \`openai\` external)`, "");
    lines.push(`| bundle | minified | gzipped | loaded later with \`import()\`, gzipped | biggest inputs |`, `|---|---|---|---|---|`);
    for (const b of r.bundles) {
      const lazy = b.ok && b.lazyGzipBytes ? kib(b.lazyGzipBytes) : "–";
      lines.push(`| ${b.name} | ${b.ok ? kib(b.minifiedBytes) : "fails"} | ${b.ok ? kib(b.gzipBytes) : "–"} | ${lazy} | ${b.ok ? b.topInputs!.map((i) => `${i.path} ${kib(i.bytes)}`).join(", ") : b.error} |`);
    }
    lines.push("", "Sizes are of what loads with the page: the entry chunk and the chunks it imports statically (esbuild with code splitting, as app bundlers do). Code reached only through `import()` is its own chunk, counted apart: ours is the direct-to-MLflow export code, which a page exporting through a trace relay never loads.");
  }
  if (r.imports) {
    lines.push("", `## Cold import (fresh process each time)`, "");
    lines.push(`| module | \`await import()\` ms, median [IQR] | whole process over an empty one, ms |`, `|---|---|---|`);
    for (const i of r.imports) lines.push(`| ${i.name} | ${iqr(i.importMs)} | ${iqr(i.processMs)} |`);
  }
  if (r.profiles) {
    lines.push("", `## CPU profile of the traced variant (\`node --cpu-prof\`, 100 µs sampling)`);
    for (const p of r.profiles) {
      const s = p.summary;
      const per = p.name === "calls" ? p.calls + 200 : (p.streams + 10) * p.chunks;
      const unit = p.name === "calls" ? "call" : "chunk";
      const oursSelf = s.ours.reduce((a, x) => a + x.selfMs, 0);
      lines.push("", `### ${p.name === "calls" ? `${p.calls} non-streaming calls (+200 warm-up)` : `${p.streams} streams of ${p.chunks} chunks (+10 warm-up)`}`, "");
      lines.push(`Busy ${f(s.busyMs, 0)} ms. By area: ${Object.entries(s.areas).sort((a, b) => b[1] - a[1]).map(([k, v]) => `${k} ${f(v * 100)}%`).join(", ")}.`);
      lines.push(`Our code: ${f(oursSelf, 1)} ms self (${f((oursSelf * 1000) / per, 2)} µs per ${unit}); with the builtins it calls directly ${f(s.oursWithBuiltinsMs, 1)} ms (${f((s.oursWithBuiltinsMs * 1000) / per, 2)} µs per ${unit}).`);
      lines.push("", `| our function | where | self ms | share of busy |`, `|---|---|---|---|`);
      for (const x of s.ours.slice(0, 12)) lines.push(`| ${x.fn} | ${x.where} | ${f(x.selfMs, 1)} | ${f(x.share * 100, 2)}% |`);
      lines.push("", `| top function (any) | where | self ms | share |`, `|---|---|---|---|`);
      for (const x of s.top.slice(0, 10)) lines.push(`| ${x.fn} | ${x.where} | ${f(x.selfMs, 1)} | ${f(x.share * 100, 2)}% |`);
    }
  }
  lines.push("");
  return lines.join("\n");
}
