import type { VariantName } from "./protocol";
import type { SideBySideData, Tagged } from "./side-by-side";
import { type Spread, median, quantile, spread } from "./stats";

/** Per-call figures of one variant, against the raw process of the same rounds. */
export interface CallsSummary {
  calls: number;
  wallMedianUs: number;
  wallP99Us: number;
  cpuPerCallUs: Spread;
  /** Whole-process CPU per call minus raw's, per (run, round). */
  addedCpuUs: Spread;
  /** Pooled median wall / raw's pooled median wall. */
  wallRatio: number;
  /** Pooled p99 wall / raw's. */
  p99Ratio: number;
  /** Per (run, round): the block's median wall / raw's block median wall. */
  wallRatioByRound: Spread;
}

/** Per-stream figures of one variant, against raw. */
export interface StreamsSummary {
  streams: number;
  chunks: number;
  ttftMedianUs: number;
  ttftP99Us: number;
  totalMedianUs: number;
  ttftRatio: number;
  ttftRatioByRound: Spread;
  totalRatio: number;
  cpuPerStreamUs: Spread;
  /** (CPU per stream − raw's) / chunks, per (run, round). */
  addedCpuPerChunkUs: Spread;
}

function byKey<T>(items: Tagged<T>[]): Map<string, Tagged<T>> {
  return new Map(items.map((t) => [`${t.variant}/${t.run}/${t.round}`, t]));
}

/** Pairs each block of `variant` with raw's block of the same run and round. */
function paired<T>(items: Tagged<T>[], variant: VariantName): Array<[T, T]> {
  const index = byKey(items);
  const out: Array<[T, T]> = [];
  for (const t of items) {
    if (t.variant !== variant) continue;
    const base = index.get(`raw/${t.run}/${t.round}`);
    if (base) out.push([t.block, base.block]);
  }
  return out;
}

/** Summaries of the non-streaming rounds. */
export function summarizeCalls(data: SideBySideData, variants: readonly VariantName[]): Partial<Record<VariantName, CallsSummary>> {
  const out: Partial<Record<VariantName, CallsSummary>> = {};
  const pooled = (v: VariantName) => data.calls.filter((t) => t.variant === v).flatMap((t) => t.block.wallUs);
  const rawWall = pooled("raw");
  const rawMedian = median(rawWall);
  const rawP99 = quantile(rawWall, 0.99);
  for (const v of variants) {
    const blocks = data.calls.filter((t) => t.variant === v);
    if (blocks.length === 0) continue;
    const wall = pooled(v);
    const pairs = paired(data.calls, v);
    out[v] = {
      calls: wall.length,
      wallMedianUs: median(wall),
      wallP99Us: quantile(wall, 0.99),
      cpuPerCallUs: spread(blocks.map((t) => t.block.cpuUs / t.block.n)),
      addedCpuUs: spread(pairs.map(([b, r]) => b.cpuUs / b.n - r.cpuUs / r.n)),
      wallRatio: median(wall) / rawMedian,
      p99Ratio: quantile(wall, 0.99) / rawP99,
      wallRatioByRound: spread(pairs.map(([b, r]) => median(b.wallUs) / median(r.wallUs))),
    };
  }
  return out;
}

/** Summaries of the streaming rounds. */
export function summarizeStreams(data: SideBySideData, variants: readonly VariantName[]): Partial<Record<VariantName, StreamsSummary>> {
  const out: Partial<Record<VariantName, StreamsSummary>> = {};
  const pooled = (v: VariantName, f: "ttftUs" | "totalUs") => data.streams.filter((t) => t.variant === v).flatMap((t) => t.block[f]);
  const rawTtft = median(pooled("raw", "ttftUs"));
  const rawTotal = median(pooled("raw", "totalUs"));
  for (const v of variants) {
    const blocks = data.streams.filter((t) => t.variant === v);
    if (blocks.length === 0) continue;
    const ttft = pooled(v, "ttftUs");
    const pairs = paired(data.streams, v);
    const chunks = blocks[0]!.block.chunks;
    out[v] = {
      streams: ttft.length,
      chunks,
      ttftMedianUs: median(ttft),
      ttftP99Us: quantile(ttft, 0.99),
      totalMedianUs: median(pooled(v, "totalUs")),
      ttftRatio: median(ttft) / rawTtft,
      ttftRatioByRound: spread(pairs.map(([b, r]) => median(b.ttftUs) / median(r.ttftUs))),
      totalRatio: median(pooled(v, "totalUs")) / rawTotal,
      cpuPerStreamUs: spread(blocks.map((t) => t.block.cpuUs / t.block.n)),
      addedCpuPerChunkUs: spread(pairs.map(([b, r]) => (b.cpuUs / b.n - r.cpuUs / r.n) / b.chunks)),
    };
  }
  return out;
}
