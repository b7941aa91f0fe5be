import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { MlflowRestError } from "./errors";
import {
  createExperiment,
  getExperimentByName,
  getTraceInfo,
  getTraceSpans,
  searchTraces,
  waitForTraces,
} from "./mlflow-rest";
import { writeRawTrace, type RawTrace } from "./raw-trace-fixture";
import { decodeSpanAttributes } from "./span-attributes";
import { base64IdToHex } from "./span-ids";

const uri = inject("mlflowTrackingUri");
let experimentId: string;
let trace: RawTrace;

beforeAll(async () => {
  experimentId = await createExperiment(uri, `rest-${randomUUID()}`);
  trace = await writeRawTrace(uri, { experimentId, tags: { "test.kind": "rest" } });
});

describe("experiments", () => {
  it("creates and finds experiments by name", async () => {
    const name = `exp-${randomUUID()}`;
    const id = await createExperiment(uri, name);
    const found = await getExperimentByName(uri, name);
    expect(found?.experiment_id).toBe(id);
    expect(found?.artifact_location).toBe(`mlflow-artifacts:/${id}`);
    expect(await getExperimentByName(uri, `missing-${randomUUID()}`)).toBeUndefined();
  });
});

describe("StartTraceV3 + traces.json, read back over REST", () => {
  it("the server adds mlflow.artifactLocation and mlflow.trace.infoFinalized", () => {
    expect(trace.startResponse.tags?.["mlflow.artifactLocation"]).toBe(
      `mlflow-artifacts:/${experimentId}/traces/${trace.traceId}/artifacts`,
    );
    expect(trace.startResponse.trace_metadata?.["mlflow.trace.infoFinalized"]).toBe("true");
    // Without OTLP spans the server does not set a spans location.
    expect(trace.startResponse.tags?.["mlflow.trace.spansLocation"]).toBeUndefined();
  });

  it("getTraceInfo returns what StartTraceV3 stored", async () => {
    const info = await getTraceInfo(uri, trace.traceId);
    expect(info.trace_id).toBe(trace.traceId);
    expect(info.state).toBe("ERROR");
    expect(info.trace_location.mlflow_experiment?.experiment_id).toBe(experimentId);
    expect(info.request_preview).toBe("What is MLflow?");
    expect(info.response_preview).toBe("An open source platform.");
    expect(info.tags?.["mlflow.traceName"]).toBe("chat_turn");
    expect(info.tags?.["test.kind"]).toBe("rest");
    expect(info.trace_metadata?.["mlflow.trace.session"]).toBe("sess-1");
    expect(info.trace_metadata?.["mlflow.trace_schema.version"]).toBe("3");
    // The server re-serialises token usage with Python's json.dumps spacing.
    expect(JSON.parse(info.trace_metadata?.["mlflow.trace.tokenUsage"] ?? "{}")).toEqual({
      input_tokens: 10,
      output_tokens: 5,
      total_tokens: 15,
    });
  });

  it("getTraceSpans returns the spans with exact nanosecond timestamps", async () => {
    const spans = await getTraceSpans(uri, trace.traceId);
    expect(spans.map((s) => s.name)).toEqual(["chat_turn", "llm"]);
    const [root, child] = spans as [(typeof spans)[0], (typeof spans)[0]];
    expect(root.start_time_unix_nano).toBe(trace.rootStartNs);
    expect(root.end_time_unix_nano).toBe(trace.rootEndNs);
    expect(child.start_time_unix_nano).toBe(trace.childStartNs);
    expect(trace.rootStartNs > BigInt(Number.MAX_SAFE_INTEGER)).toBe(true);
    expect(base64IdToHex(root.trace_id)).toBe(trace.otelTraceId);
    expect(base64IdToHex(root.span_id)).toBe(trace.rootSpanId);
    expect(root.parent_span_id).toBeNull();
    expect(base64IdToHex(child.parent_span_id)).toBe(trace.rootSpanId);
    expect(child.status).toEqual({ code: "STATUS_CODE_ERROR", message: "boom" });
    expect(child.events[0]?.name).toBe("exception");
    expect(child.events[0]?.time_unix_nano).toBe(trace.childEndNs - 1n);

    expect(root.attributes["mlflow.spanType"]).toBe('"CHAIN"'); // stored JSON-encoded
    expect(decodeSpanAttributes(root.attributes)).toMatchObject({
      "mlflow.traceRequestId": trace.traceId,
      "mlflow.spanType": "CHAIN",
      "mlflow.spanInputs": { messages: [{ role: "user", content: "What is MLflow?" }] },
    });
    expect(decodeSpanAttributes(child.attributes)["raw.plain"]).toBe("not json encoded");
  });

  it("unknown trace ids are a 404 MlflowRestError", async () => {
    const err = await getTraceInfo(uri, "tr-00000000000000000000000000000000").catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MlflowRestError);
    expect((err as MlflowRestError).status).toBe(404);
    expect((err as MlflowRestError).errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
  });
});

describe("searchTraces / waitForTraces", () => {
  it("follows page tokens, filters and caps", async () => {
    const exp = await createExperiment(uri, `search-${randomUUID()}`);
    const written = await Promise.all(
      ["a", "b", "c", "a"].map((name) => writeRawTrace(uri, { experimentId: exp, name })),
    );
    const all = await searchTraces(uri, { experimentIds: [exp], pageSize: 1 });
    expect(all.map((t) => t.trace_id).sort()).toEqual(written.map((t) => t.traceId).sort());
    const named = await searchTraces(uri, { experimentIds: [exp], filter: "tag.mlflow.traceName = 'a'" });
    expect(named).toHaveLength(2);
    expect(await searchTraces(uri, { experimentIds: [exp], maxResults: 3, pageSize: 2 })).toHaveLength(3);
  });

  it("waitForTraces returns once enough traces exist, and times out clearly", async () => {
    const exp = await createExperiment(uri, `wait-${randomUUID()}`);
    const pending = waitForTraces(uri, exp, 2, 15_000, { intervalMs: 50 });
    await writeRawTrace(uri, { experimentId: exp });
    await writeRawTrace(uri, { experimentId: exp });
    expect(await pending).toHaveLength(2);
    await expect(waitForTraces(uri, exp, 3, 300)).rejects.toThrow(
      new RegExp(`waiting for 3 trace\\(s\\) in experiment ${exp} .*: found 2`),
    );
  });
});
