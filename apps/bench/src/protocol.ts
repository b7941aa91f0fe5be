/** The variants measured side by side, each in a process of its own. */
export const VARIANTS = ["raw", "raw-aa", "als-only", "kong-mlflow", "langfuse", "openinference"] as const;

/** One of {@link VARIANTS}. */
export type VariantName = (typeof VARIANTS)[number];

/** What each variant is, for the report. */
export const VARIANT_LABELS: Record<VariantName, string> = {
  raw: "raw OpenAI client (untraced process)",
  "raw-aa": "raw again (A/A control: the noise floor)",
  "als-only": "raw + AsyncLocalStorage store entered once (Node 20 promise hook on)",
  "kong-mlflow": "kong-mlflow tracedOpenAI, exporting to the real MLflow",
  langfuse: "Langfuse observeOpenAI (OTel ALS context, in-memory exporter)",
  openinference: "OpenInference OpenAIInstrumentation (OTel ALS context, in-memory exporter)",
};

/** Orchestrator → worker. */
export type WorkerCommand =
  | { cmd: "warmup"; calls: number; streams: number; chunks: number }
  | { cmd: "calls"; n: number }
  | { cmd: "streams"; n: number; chunks: number }
  | { cmd: "stop" };

/** A block of non-streaming calls. Times in microseconds. */
export interface CallsBlock {
  kind: "calls";
  n: number;
  /** Wall time of each call. */
  wallUs: number[];
  /** Whole-process CPU (user + system) over the block, export flush included. */
  cpuUs: number;
  /** Wall time of the flush at the end of the block (not part of any call). */
  flushUs: number;
}

/** A block of streams. Times in microseconds. */
export interface StreamsBlock {
  kind: "streams";
  n: number;
  chunks: number;
  /** Per stream: from `create()` to the first chunk. */
  ttftUs: number[];
  /** Per stream: from `create()` to the end of the iteration. */
  totalUs: number[];
  cpuUs: number;
  flushUs: number;
}

/** Worker → orchestrator. */
export type WorkerMessage =
  | { type: "ready"; variant: VariantName; node: string; detail: string }
  | { type: "done"; result?: CallsBlock | StreamsBlock; traces?: TraceCounts }
  | { type: "error"; message: string };

/** What the variant's tracer recorded and delivered so far. */
export interface TraceCounts {
  /** Spans/traces the tracer finished (peers: spans in the in-memory exporter; ours: traces enqueued). */
  recorded: number;
  /** Ours: traces MLflow accepted. */
  exported?: number;
  failed?: number;
  dropped?: number;
}
