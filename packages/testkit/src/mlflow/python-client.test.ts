import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowPythonError, MlflowVenvMissingError } from "./errors";
import { createExperiment } from "./mlflow-rest";
import { readTraceWithPython, searchTracesWithPython } from "./python-client";
import { writeRawTrace, type RawTrace } from "./raw-trace-fixture";

const uri = inject("mlflowTrackingUri");
let experimentId: string;
let trace: RawTrace;
let other: RawTrace;

beforeAll(async () => {
  experimentId = await createExperiment(uri, `python-${randomUUID()}`);
  trace = await writeRawTrace(uri, { experimentId, tags: { "test.kind": "python" } });
  other = await writeRawTrace(uri, { experimentId, name: "other_turn" });
});

describe("official Python client readers", () => {
  it("readTraceWithPython sees our trace info and spans", { timeout: 60_000 }, async () => {
    const t = await readTraceWithPython(uri, trace.traceId);
    expect(t.info).toMatchObject({
      trace_id: trace.traceId,
      state: "ERROR",
      request_preview: "What is MLflow?",
      response_preview: "An open source platform.",
      experiment_id: experimentId,
      execution_duration: Number((trace.rootEndNs - trace.rootStartNs) / 1_000_000n),
    });
    expect(t.info.tags).toMatchObject({ "mlflow.traceName": "chat_turn", "test.kind": "python" });
    expect(t.info.trace_metadata).toMatchObject({ "mlflow.trace.user": "alice", "mlflow.trace.session": "sess-1" });

    expect(t.spans.map((s) => s.name)).toEqual(["chat_turn", "llm"]);
    const [root, child] = t.spans as [(typeof t.spans)[0], (typeof t.spans)[0]];
    expect(root).toMatchObject({
      span_id: trace.rootSpanId,
      parent_id: null,
      span_type: "CHAIN",
      status: { code: "OK", description: "" },
      inputs: { messages: [{ role: "user", content: "What is MLflow?" }] },
      outputs: { answer: "An open source platform." },
      start_time_ns: trace.rootStartNs,
      end_time_ns: trace.rootEndNs,
    });
    expect(child).toMatchObject({
      span_id: trace.childSpanId,
      parent_id: trace.rootSpanId,
      span_type: "LLM",
      status: { code: "ERROR", description: "boom" },
      inputs: null,
      outputs: null,
      start_time_ns: trace.childStartNs,
    });
    // A raw (not JSON-encoded) attribute string comes back unchanged (json.loads fallback).
    expect(child.attributes["raw.plain"]).toBe("not json encoded");
    expect(child.attributes["mlflow.chat.tokenUsage"]).toEqual({ input_tokens: 10, output_tokens: 5, total_tokens: 15 });
    expect(child.events).toEqual([
      {
        name: "exception",
        timestamp_ns: trace.childEndNs - 1n,
        attributes: { "exception.type": "Error", "exception.message": "boom" },
      },
    ]);
  });

  it("searchTracesWithPython lists and filters the experiment's traces", { timeout: 60_000 }, async () => {
    const all = await searchTracesWithPython(uri, experimentId);
    expect(all.map((t) => t.info.trace_id).sort()).toEqual([trace.traceId, other.traceId].sort());
    expect(all.every((t) => t.spans.length === 2)).toBe(true);
    const filtered = await searchTracesWithPython(uri, experimentId, { filter: "tag.mlflow.traceName = 'other_turn'" });
    expect(filtered.map((t) => t.info.trace_id)).toEqual([other.traceId]);
  });

  it("surfaces Python's stderr when the read fails", { timeout: 60_000 }, async () => {
    const err = await readTraceWithPython(uri, "tr-00000000000000000000000000000000").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowPythonError);
    expect((err as MlflowPythonError).stderr).toMatch(/tr-00000000000000000000000000000000/);
    expect((err as Error).message).toContain("python stderr");
  });

  it("names scripts/setup-mlflow.sh when the venv is missing", async () => {
    await expect(readTraceWithPython(uri, trace.traceId, { venvDir: "/nonexistent-venv" })).rejects.toThrow(
      MlflowVenvMissingError,
    );
  });
});

describe("Python reader against a dead server", () => {
  it("fails quickly with Python's error", { timeout: 60_000 }, async () => {
    const started = Date.now();
    const err = await readTraceWithPython("http://127.0.0.1:9", "tr-00000000000000000000000000000000").catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(MlflowPythonError);
    expect((err as MlflowPythonError).stderr).toMatch(/Connection refused|Max retries|ConnectionError/i);
    expect(Date.now() - started).toBeLessThan(30_000);
  });
});
