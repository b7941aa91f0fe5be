/** The parts of a V8 `.cpuprofile` this reads. */
export interface CpuProfile {
  nodes: Array<{ id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }>;
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** One function's self time. */
export interface FunctionTime {
  fn: string;
  where: string;
  selfMs: number;
  /** Share of all non-idle samples. */
  share: number;
}

/** A profile boiled down. */
export interface ProfileSummary {
  /** Non-idle sampled time, ms. */
  busyMs: number;
  /** Share of busy time per area (ours, openai SDK, Node internals, GC, ...). */
  areas: Record<string, number>;
  /** Top functions by self time. */
  top: FunctionTime[];
  /** Top functions of our packages by self time. */
  ours: FunctionTime[];
  /**
   * Time in our code plus the builtins it calls directly (JSON.stringify,
   * crypto.getRandomValues, ...): each sample's leaf, skipping frames without
   * a script, attributed to the first script frame.
   */
  oursWithBuiltinsMs: number;
}

const OURS = /\/packages\/(core|node|edge)\/|@kong-mlflow\/|\/dist\/kong-mlflow\.js/;

/** Which part of the process a script URL belongs to. */
export function areaOf(url: string, fn: string): string {
  if (fn === "(garbage collector)") return "GC";
  if (fn === "(program)" || fn === "(idle)") return fn;
  if (url === "") return "V8 builtins / native";
  if (OURS.test(url)) return "kong-mlflow";
  if (/\/node_modules\/openai\//.test(url)) return "openai SDK";
  if (/@opentelemetry|@langfuse|@arizeai/.test(url)) return "peer tracer";
  if (url.startsWith("node:")) return "Node internals (http, undici, streams, timers)";
  if (/\/apps\/bench\//.test(url)) return "bench loop";
  return "other";
}

function shortUrl(url: string): string {
  return url.replace(/^file:\/\//, "").replace(/^.*\/node_modules\/\.pnpm\/[^/]+\/node_modules\//, "").replace(/^.*\/packages\//, "packages/");
}

/** Self time per function and per area. */
export function summarizeProfile(profile: CpuProfile, topN = 20): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const selfUs = new Map<number, number>();
  // timeDeltas[i] is the time before sample i; the sample stands for the time until the next one.
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i + 1] ?? 0;
    const id = profile.samples[i]!;
    selfUs.set(id, (selfUs.get(id) ?? 0) + dt);
  }
  const fnTime = new Map<string, { fn: string; where: string; us: number; ours: boolean }>();
  const areas: Record<string, number> = {};
  let busyUs = 0;
  let oursWithBuiltinsUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    const area = areaOf(url, functionName);
    if (area === "(idle)") continue;
    busyUs += us;
    areas[area] = (areas[area] ?? 0) + us;
    const fn = functionName || "(anonymous)";
    const where = url ? `${shortUrl(url)}:${lineNumber + 1}` : "";
    const key = `${fn}@${where}`;
    const entry = fnTime.get(key) ?? { fn, where, us: 0, ours: area === "kong-mlflow" };
    entry.us += us;
    fnTime.set(key, entry);
    let cursor: number | undefined = id;
    while (cursor !== undefined && byId.get(cursor)!.callFrame.url === "" && !byId.get(cursor)!.callFrame.functionName.startsWith("(")) cursor = parent.get(cursor);
    if (cursor !== undefined && OURS.test(byId.get(cursor)!.callFrame.url)) oursWithBuiltinsUs += us;
  }
  const toRow = (e: { fn: string; where: string; us: number }): FunctionTime => ({ fn: e.fn, where: e.where, selfMs: e.us / 1000, share: e.us / busyUs });
  const sorted = [...fnTime.values()].sort((a, b) => b.us - a.us);
  for (const k of Object.keys(areas)) areas[k] = areas[k]! / busyUs;
  return {
    busyMs: busyUs / 1000,
    areas,
    top: sorted.slice(0, topN).map(toRow),
    ours: sorted.filter((e) => e.ours).slice(0, topN).map(toRow),
    oursWithBuiltinsMs: oursWithBuiltinsUs / 1000,
  };
}
