import { AsyncLocalStorage } from "node:async_hooks";
import OpenAI from "openai";
import type { TraceCounts, VariantName } from "./protocol";
import { type RecordedAnswers, fakeFetch } from "./fake-upstream";
import { loadKongMlflow } from "./load-kong-mlflow";

/** A configured client and how to flush what its tracer holds. */
export interface Variant {
  client: OpenAI;
  /** Delivers everything recorded so far (inside the measured window). */
  flush(): Promise<void>;
  /** Counters after a block; may release what an in-memory exporter kept (outside the window). */
  counts(): TraceCounts;
  detail: string;
}

/** Where the variant's calls and traces go. */
export interface VariantTargets {
  baseURL: string;
  trackingUri: string;
  experimentId: string;
  /** When set, calls never leave the process: the client's fetch replays these answers. */
  fake?: RecordedAnswers;
}

const clientOptions = (t: VariantTargets) => ({ baseURL: t.baseURL, apiKey: "sk-bench", ...(t.fake ? { fetch: fakeFetch(t.fake) } : {}) });

/**
 * The OpenTelemetry set-up a Node app gets from `NodeSDK` or
 * `NodeTracerProvider.register()`: an AsyncLocalStorage context manager, and
 * a batch processor, here in front of an in-memory exporter (so the peers
 * pay no network export at all).
 */
async function otelInMemory() {
  const api = await import("@opentelemetry/api");
  const { AsyncLocalStorageContextManager } = await import("@opentelemetry/context-async-hooks");
  const { BasicTracerProvider, BatchSpanProcessor, InMemorySpanExporter } = await import("@opentelemetry/sdk-trace-base");
  api.context.setGlobalContextManager(new AsyncLocalStorageContextManager().enable());
  const exporter = new InMemorySpanExporter();
  const provider = new BasicTracerProvider({ spanProcessors: [new BatchSpanProcessor(exporter)] });
  api.trace.setGlobalTracerProvider(provider);
  let recorded = 0;
  return {
    provider,
    flush: () => provider.forceFlush(),
    counts: (): TraceCounts => {
      recorded += exporter.getFinishedSpans().length;
      exporter.reset();
      return { recorded };
    },
  };
}

/** Sets a variant up in this process. */
export async function setupVariant(name: VariantName, t: VariantTargets): Promise<Variant> {
  switch (name) {
    case "raw":
    case "raw-aa":
      return { client: new OpenAI(clientOptions(t)), flush: async () => {}, counts: () => ({ recorded: 0 }), detail: "openai 6.49.0" };
    case "als-only": {
      // What any library that enters an AsyncLocalStorage store once does to a Node 20 process.
      new AsyncLocalStorage<object>().run({}, () => undefined);
      return { client: new OpenAI(clientOptions(t)), flush: async () => {}, counts: () => ({ recorded: 0 }), detail: "openai 6.49.0 + AsyncLocalStorage.run once" };
    }
    case "kong-mlflow": {
      const km = await loadKongMlflow();
      // Export is held until the flush at the end of each block (still inside its CPU window): on a
      // 2-core box the co-located MLflow would otherwise ingest in the middle of the timed calls and
      // take the cores they run on, which no production MLflow (on its own machine) does.
      km.init({ trackingUri: t.trackingUri, experimentId: t.experimentId, batch: { maxBatchSize: 1000, scheduleDelayMs: 60_000 } });
      const client = km.tracedOpenAI(new OpenAI(clientOptions(t)));
      return {
        client,
        flush: () => km.flushTraces(),
        counts: () => {
          const d = km.getExportDiagnostics();
          return { recorded: d.enqueued, exported: d.exported, failed: d.failed, dropped: d.dropped };
        },
        detail: "@kong-mlflow/node (built from this checkout's sources), transport auto, batches sent at the flush",
      };
    }
    case "langfuse": {
      const otel = await otelInMemory();
      const { setLangfuseTracerProvider } = await import("@langfuse/tracing");
      setLangfuseTracerProvider(otel.provider);
      const { observeOpenAI } = await import("@langfuse/openai");
      return { client: observeOpenAI(new OpenAI(clientOptions(t))), flush: otel.flush, counts: otel.counts, detail: "@langfuse/openai 5.11.1 + @langfuse/tracing 5.11.1" };
    }
    case "openinference": {
      const otel = await otelInMemory();
      const { OpenAIInstrumentation } = await import("@arizeai/openinference-instrumentation-openai");
      const instrumentation = new OpenAIInstrumentation({ tracerProvider: otel.provider });
      instrumentation.manuallyInstrument(OpenAI as never);
      return { client: new OpenAI(clientOptions(t)), flush: otel.flush, counts: otel.counts, detail: "@arizeai/openinference-instrumentation-openai 4.2.7" };
    }
  }
}
