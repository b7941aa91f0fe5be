import type { LiveSpan } from "@kong-mlflow/node";
import { type KongMlflow, loadKongMlflow } from "./load-kong-mlflow";

/** What the export worker is asked to do (argv[2], JSON). */
export type ExportTask =
  | { mode: "throughput"; spansPerTrace: 1 | 10; count: number; transport: "otlp" | "native"; trackingUri: string; experimentId: string }
  | { mode: "memory"; count: number; trackingUri: string; experimentId: string };

/** Throughput of one transport for one trace shape. */
export interface ThroughputResult {
  mode: "throughput";
  spansPerTrace: number;
  transport: string;
  count: number;
  exported: number;
  failed: number;
  /** Creating the traces (span API, serialization of inputs/outputs), per trace. */
  createCpuUsPerTrace: number;
  /** The exporter's own CPU per trace: the process's CPU from the first export to the end of the flush. */
  exportCpuUsPerTrace: number;
  exportWallMs: number;
  tracesPerSec: number;
}

/** Memory held with `count` finished traces waiting in the export queue. */
export interface MemoryResult {
  mode: "memory";
  count: number;
  /** Traces held (queued + in flight) when measured. */
  held: number;
  heapBeforeMiB: number;
  heapQueuedMiB: number;
  rssBeforeMiB: number;
  rssQueuedMiB: number;
  /** Peak RSS of the process over its life (`resourceUsage().maxRSS`), export of the 10,000 included. */
  peakRssMiB: number;
  heapBytesPerTrace: number;
  exported: number;
}

const MiB = 2 ** 20;
const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

function chatRequest(i: number) {
  return {
    model: "gpt-4o",
    messages: [
      { role: "system", content: "You are a terse assistant." },
      { role: "user", content: `Say hello to the benchmark, please (request ${i}).` },
    ],
  };
}

function chatResponse(i: number) {
  return {
    id: `chatcmpl-bench${i}`,
    object: "chat.completion",
    created: 1764400000,
    model: "gpt-4o-2024-08-06",
    choices: [{ index: 0, message: { role: "assistant", content: `Echo: Say hello to the benchmark, please (request ${i}).`, refusal: null, annotations: [] }, logprobs: null, finish_reason: "stop" }],
    usage: { prompt_tokens: 14, completion_tokens: 10, total_tokens: 24 },
    service_tier: "default",
    system_fingerprint: "fp_standin",
  };
}

/** The attributes a traced call through Kong carries. */
const GATEWAY_ATTRIBUTES = {
  "gen_ai.operation.name": "chat",
  "mlflow.message.format": "openai",
  "gen_ai.request.model": "gpt-4o",
  "kong.request_id": "8a1f0e5b7c2d4e6f8a1f0e5b7c2d4e6f",
  "kong.version": "3.10.0",
  "kong.proxied": true,
  "kong.llm_model": "openai/gpt-4o",
  "kong.latency.upstream_ms": 3,
  "kong.latency.proxy_ms": 1,
  "http.response.status_code": 200,
  "gen_ai.usage.input_tokens": 14,
  "gen_ai.usage.output_tokens": 10,
  "gen_ai.response.id": "chatcmpl-bench",
  "gen_ai.response.model": "gpt-4o-2024-08-06",
  "mlflow.llm.model": "gpt-4o-2024-08-06",
  "gen_ai.response.finish_reasons": ["stop"],
  "mlflow.chat.tokenUsage": { input_tokens: 14, output_tokens: 10, total_tokens: 24 },
};

type Km = KongMlflow;

/** One finished trace: a chat call (1 span), or an agent with 9 steps under it (10 spans). */
function makeTrace(km: Km, i: number, spans: number): void {
  if (spans === 1) {
    const span = km.startSpan({ name: "chat.completions.create", spanType: km.SpanType.CHAT_MODEL, inputs: chatRequest(i), attributes: GATEWAY_ATTRIBUTES, parent: null });
    span.end({ outputs: chatResponse(i) });
    return;
  }
  const root = km.startSpan({ name: "answer_question", spanType: km.SpanType.AGENT, inputs: { question: `What is request ${i} about?` }, parent: null });
  const kinds = [km.SpanType.RETRIEVER, km.SpanType.TOOL, km.SpanType.CHAT_MODEL] as const;
  for (let s = 0; s < spans - 1; s++) {
    const kind = kinds[s % 3]!;
    const child: LiveSpan = km.startSpan({
      name: `step_${s}`,
      spanType: kind,
      parent: root,
      inputs: kind === km.SpanType.CHAT_MODEL ? chatRequest(i) : { query: `lookup ${i}/${s}`, top_k: 3 },
      attributes: kind === km.SpanType.CHAT_MODEL ? GATEWAY_ATTRIBUTES : { "tool.name": `tool_${s}` },
    });
    child.end({ outputs: kind === km.SpanType.CHAT_MODEL ? chatResponse(i) : [{ id: `doc-${s}`, score: 0.9, text: "Kong routes the call to the provider." }] });
  }
  root.end({ outputs: { answer: `Request ${i} is about the benchmark.` } });
}

async function throughput(km: Km, task: Extract<ExportTask, { mode: "throughput" }>): Promise<ThroughputResult> {
  km.init({ trackingUri: task.trackingUri, experimentId: task.experimentId, transport: task.transport, shutdownFlushTimeoutMs: false });
  // Warm-up: the transport choice, the connection, the JIT.
  for (let i = 0; i < 100; i++) makeTrace(km, i, task.spansPerTrace);
  await km.flushTraces();
  const before = km.getExportDiagnostics();

  const c0 = cpuNow();
  for (let i = 0; i < task.count; i++) makeTrace(km, i, task.spansPerTrace);
  const c1 = cpuNow();
  const t1 = performance.now();
  await km.flushTraces(120_000);
  const exportWallMs = performance.now() - t1;
  const c2 = cpuNow();
  const after = km.getExportDiagnostics();
  const exported = after.exported - before.exported;
  return {
    mode: "throughput",
    spansPerTrace: task.spansPerTrace,
    transport: task.transport,
    count: task.count,
    exported,
    failed: after.failed - before.failed,
    createCpuUsPerTrace: (c1 - c0) / task.count,
    exportCpuUsPerTrace: (c2 - c1) / task.count,
    exportWallMs,
    tracesPerSec: exported / (exportWallMs / 1000),
  };
}

async function memory(km: Km, task: Extract<ExportTask, { mode: "memory" }>): Promise<MemoryResult> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (!gc) throw new Error("run with --expose-gc");
  km.init({ trackingUri: task.trackingUri, experimentId: task.experimentId, shutdownFlushTimeoutMs: false });
  for (let i = 0; i < 100; i++) makeTrace(km, i, 1);
  await km.flushTraces();
  gc();
  const m0 = process.memoryUsage();
  for (let i = 0; i < task.count; i++) makeTrace(km, i, 1);
  gc();
  const m1 = process.memoryUsage();
  const d = km.getExportDiagnostics();
  const held = d.queued + d.inFlight;
  const before = d.exported;
  await km.flushTraces(120_000);
  return {
    mode: "memory",
    count: task.count,
    held,
    heapBeforeMiB: m0.heapUsed / MiB,
    heapQueuedMiB: m1.heapUsed / MiB,
    rssBeforeMiB: m0.rss / MiB,
    rssQueuedMiB: m1.rss / MiB,
    peakRssMiB: (process.resourceUsage().maxRSS * 1024) / MiB,
    heapBytesPerTrace: (m1.heapUsed - m0.heapUsed) / held,
    exported: km.getExportDiagnostics().exported - before,
  };
}

/** `node export-worker.js '<task JSON>'`: prints one JSON result line. */
async function main(): Promise<void> {
  const task = JSON.parse(process.argv[2]!) as ExportTask;
  const km = await loadKongMlflow();
  const result = task.mode === "throughput" ? await throughput(km, task) : await memory(km, task);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exitCode = 1;
});
