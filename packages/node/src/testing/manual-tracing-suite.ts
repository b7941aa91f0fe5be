import { getTraceInfo, getTraceSpans, readTraceWithPython, searchTraces, decodeSpanAttributes, base64IdToHex } from "@kong-mlflow/testkit";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { SpanType, type TracingOptions, flushTraces, getExportDiagnostics, init, startSpan, trace, updateCurrentTrace, withSpan } from "../index";


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Three levels across awaits and a timer: askQuestion (CHAIN) > retrieve (RETRIEVER) > rank (TOOL). */
const rank = trace({ name: "rank", spanType: SpanType.TOOL }, async (docs: string[]) => {
  await sleep(2);
  return [...docs].sort();
});

const askQuestion = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string, userId: string) => {
  updateCurrentTrace({ sessionId: "session-42", user: userId, tags: { scenario: "manual" }, metadata: { app: "test" } });
  const docs = await withSpan(
    async (span) => {
      await sleep(1);
      const ranked = await new Promise<string[]>((resolve) => setTimeout(() => void rank(["b", "a"]).then(resolve), 1));
      span.setAttribute("retriever.k", 2);
      return ranked;
    },
    { name: "retrieve", spanType: SpanType.RETRIEVER, inputs: { query: question } },
  );
  return { answer: `${question} -> ${docs.join(",")}` };
});

/**
 * The manual-tracing scenarios, written through the public API and read back
 * over REST and with MLflow's Python client. Run once per export transport.
 */
export function manualTracingSuite(transport: NonNullable<TracingOptions["transport"]>): void {
  const trackingUri = inject("mlflowTrackingUri");
  let experimentId: string;

  beforeAll(async () => {
    const name = `manual-tracing-${transport}-${Date.now()}-${Math.random().toString(16).slice(2)}`;
    init({ trackingUri, experimentName: name, transport });
    await askQuestion("warm-up", "nobody"); // creates the experiment on first export
    await flushTraces();
    const res = await fetch(`${trackingUri}/api/2.0/mlflow/experiments/get-by-name?experiment_name=${name}`);
    experimentId = ((await res.json()) as { experiment: { experiment_id: string } }).experiment.experiment_id;
  });

  describe(`manual tracing over the ${transport} transport, read back from a real MLflow server`, () => {
    it("writes a nested three-level trace that REST and the Python client read back", async () => {
      const result = await askQuestion("What is Kong?", "alice");
      expect(result).toEqual({ answer: "What is Kong? -> a,b" });
      await flushTraces();
      expect(getExportDiagnostics()).toMatchObject({ failed: 0, dropped: 0, queued: 0, transport });

      const traces = await searchTraces(trackingUri, { experimentIds: [experimentId], filter: "tag.scenario = 'manual'" });
      const info = traces.find((t) => t.request_preview?.includes("What is Kong?"));
      expect(info).toBeDefined();
      const full = await getTraceInfo(trackingUri, info!.trace_id);
      expect(full.state).toBe("OK");
      expect(full.tags?.["mlflow.traceName"]).toBe("askQuestion");
      expect(full.trace_metadata?.["mlflow.trace.session"]).toBe("session-42");
      expect(full.trace_metadata?.["mlflow.trace.user"]).toBe("alice");
      expect(full.trace_metadata?.["mlflow.trace_schema.version"]).toBe("3");
      expect(full.trace_metadata?.app).toBe("test");
      expect(full.request_preview).toBe('{"question":"What is Kong?","userId":"alice"}');
      expect(full.response_preview).toBe('{"answer":"What is Kong? -> a,b"}');

      const spans = await getTraceSpans(trackingUri, info!.trace_id);
      const byName = Object.fromEntries(spans.map((s) => [s.name, s]));
      expect(Object.keys(byName).sort()).toEqual(["askQuestion", "rank", "retrieve"]);
      const root = byName.askQuestion!;
      const retrieve = byName.retrieve!;
      const rankSpan = byName.rank!;
      expect(root.parent_span_id ?? null).toBeNull();
      expect(retrieve.parent_span_id).toBe(root.span_id);
      expect(rankSpan.parent_span_id).toBe(retrieve.span_id);
      const attrs = (s: typeof root) => decodeSpanAttributes(s.attributes);
      expect(attrs(root)["mlflow.spanType"]).toBe("CHAIN");
      expect(attrs(retrieve)["mlflow.spanType"]).toBe("RETRIEVER");
      expect(attrs(rankSpan)["mlflow.spanType"]).toBe("TOOL");
      expect(attrs(retrieve)["mlflow.spanInputs"]).toEqual({ query: "What is Kong?" });
      expect(attrs(retrieve)["mlflow.spanOutputs"]).toEqual(["a", "b"]);
      expect(attrs(retrieve)["retriever.k"]).toBe(2);
      expect(attrs(rankSpan)["mlflow.spanInputs"]).toEqual({ docs: ["b", "a"] });
      // timing: children inside their parents
      expect(root.start_time_unix_nano <= retrieve.start_time_unix_nano).toBe(true);
      expect(retrieve.start_time_unix_nano <= rankSpan.start_time_unix_nano).toBe(true);
      expect(rankSpan.end_time_unix_nano <= retrieve.end_time_unix_nano).toBe(true);
      expect(retrieve.end_time_unix_nano <= root.end_time_unix_nano).toBe(true);
      expect(rankSpan.end_time_unix_nano - rankSpan.start_time_unix_nano >= 1_000_000n).toBe(true);

      const py = await readTraceWithPython(trackingUri, info!.trace_id);
      expect(py.info.state).toBe("OK");
      expect(py.info.tags["mlflow.traceName"]).toBe("askQuestion");
      expect(py.info.trace_metadata["mlflow.trace.session"]).toBe("session-42");
      const pyByName = Object.fromEntries(py.spans.map((s) => [s.name, s]));
      expect(pyByName.askQuestion!.parent_id).toBeNull();
      expect(pyByName.retrieve!.parent_id).toBe(pyByName.askQuestion!.span_id);
      expect(pyByName.rank!.parent_id).toBe(pyByName.retrieve!.span_id);
      expect(pyByName.rank!.span_id).toBe(base64IdToHex(rankSpan.span_id));
      expect(pyByName.askQuestion!.span_type).toBe("CHAIN");
      expect(pyByName.askQuestion!.inputs).toEqual({ question: "What is Kong?", userId: "alice" });
      expect(pyByName.askQuestion!.outputs).toEqual({ answer: "What is Kong? -> a,b" });
      expect(pyByName.retrieve!.span_type).toBe("RETRIEVER");
      expect(pyByName.rank!.outputs).toEqual(["a", "b"]);
      expect(pyByName.askQuestion!.status.code).toBe("OK");
    });

    it("records an error as ERROR with an exception event, and rethrows it unchanged", async () => {
      class LookupError extends Error {
        override name = "LookupError";
      }
      const failure = new LookupError("no such document");
      const failing = trace({ name: "failingTool", spanType: SpanType.TOOL }, async (id: number) => {
        updateCurrentTrace({ tags: { scenario: "error" } });
        await sleep(1);
        throw failure;
      });
      await expect(failing(7)).rejects.toBe(failure);
      await flushTraces();
      const [info] = await searchTraces(trackingUri, { experimentIds: [experimentId], filter: "tag.scenario = 'error'" });
      expect(info!.state).toBe("ERROR");
      const py = await readTraceWithPython(trackingUri, info!.trace_id);
      const span = py.spans[0]!;
      expect(span.status.code).toBe("ERROR");
      expect(span.status.description).toBe("no such document");
      expect(span.inputs).toEqual({ id: 7 });
      const event = span.events.find((e) => e.name === "exception");
      expect(event?.attributes["exception.type"]).toBe("LookupError");
      expect(event?.attributes["exception.message"]).toBe("no such document");
      expect(String(event?.attributes["exception.stacktrace"])).toContain("no such document");
    });

    it("keeps interleaved async traces apart", async () => {
      const work = trace({ name: "interleaved", spanType: SpanType.CHAIN }, async (n: number) => {
        updateCurrentTrace({ tags: { scenario: "interleaved", n: String(n) } });
        for (let i = 0; i < 3; i++) {
          await withSpan(async () => sleep(1 + ((n + i) % 3)), { name: `step-${n}-${i}` });
        }
        return n;
      });
      await Promise.all([1, 2, 3, 4, 5].map(work));
      await flushTraces();
      const infos = await searchTraces(trackingUri, { experimentIds: [experimentId], filter: "tag.scenario = 'interleaved'" });
      expect(infos).toHaveLength(5);
      for (const info of infos) {
        const n = info.tags?.n;
        const spans = await getTraceSpans(trackingUri, info.trace_id);
        expect(spans.map((s) => s.name).sort()).toEqual(["interleaved", `step-${n}-0`, `step-${n}-1`, `step-${n}-2`]);
        const root = spans.find((s) => s.name === "interleaved")!;
        for (const s of spans) if (s !== root) expect(s.parent_span_id).toBe(root.span_id);
      }
    });

    it("nests startSpan under an explicit parent", async () => {
      const root = startSpan({ name: "explicit-root", spanType: SpanType.AGENT, inputs: { task: "t" } });
      const child = startSpan({ name: "explicit-child", parent: root, spanType: SpanType.MEMORY });
      await sleep(1);
      child.end({ outputs: { remembered: true } });
      root.end({ outputs: "done" });
      await flushTraces();
      const spans = await getTraceSpans(trackingUri, root.traceId);
      const c = spans.find((s) => s.name === "explicit-child")!;
      expect(base64IdToHex(c.parent_span_id!)).toBe(root.spanId);
      expect(decodeSpanAttributes(c.attributes)["mlflow.spanOutputs"]).toEqual({ remembered: true });
    });
  });
}
