/**
 * Pins what the real MLflow server (tools/mlflow/requirements.txt) does on the wire, for the
 * exporter's sake. If a server upgrade changes one of these, this file says which fact broke.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, inject, it } from "vitest";
import { createExperiment, getTraceInfo, getTraceSpans, mlflowRequest } from "./mlflow-rest";
import { decodeSpanAttributes } from "./span-attributes";
import { base64IdToHex } from "./span-ids";

const uri = inject("mlflowTrackingUri");
let experimentId: string;

beforeAll(async () => {
  experimentId = await createExperiment(uri, `facts-${randomUUID()}`);
});

const hex = (n: number) => randomBytes(n).toString("hex");
const str = (key: string, value: string) => ({ key, value: { stringValue: value } });

function otlpSpan(traceIdHex: string, spanIdHex: string, name: string, extra: Record<string, unknown> = {}) {
  return {
    traceId: traceIdHex,
    spanId: spanIdHex,
    name,
    kind: 1,
    startTimeUnixNano: "1749996461282772491",
    endTimeUnixNano: "1749996461365717111",
    status: { code: 1 },
    attributes: [] as unknown[],
    ...extra,
  };
}

async function postOtlpJson(body: unknown, headers: Record<string, string> = { "x-mlflow-experiment-id": experimentId }) {
  const res = await fetch(`${uri}/v1/traces`, {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  return { status: res.status, contentType: res.headers.get("content-type"), body: await res.text() };
}

function startTraceBody(traceId: string, extra: Record<string, unknown> = {}) {
  return {
    trace: {
      trace_info: {
        trace_id: traceId,
        trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: experimentId } },
        request_time: "2025-06-15T14:07:41.282Z",
        execution_duration: "0.083s",
        state: "OK",
        request_preview: "REQ",
        response_preview: "RESP",
        trace_metadata: { "mlflow.trace_schema.version": "3", "mlflow.trace.user": "bob" },
        tags: { "mlflow.traceName": "named_by_rest" },
        ...extra,
      },
    },
  };
}

describe("MLflow server facts", () => {
  it("server-info reports a SQL store", async () => {
    const info = await mlflowRequest<{ store_type: string }>(uri, "GET", "/api/3.0/mlflow/server-info");
    expect(info.store_type).toBe("SqlStore");
  });

  it("POST /v1/traces takes OTLP/JSON with several traces; it creates infos but no trace name", async () => {
    const [t1, t2] = [hex(16), hex(16)];
    const root = hex(8);
    const res = await postOtlpJson({
      resourceSpans: [
        {
          resource: { attributes: [str("service.name", "facts")] },
          scopeSpans: [
            {
              spans: [
                otlpSpan(t1, root, "root", {
                  attributes: [
                    str("mlflow.spanType", "CHAIN"),
                    str("mlflow.spanInputs", '{"q":"hi"}'),
                    str("mlflow.spanOutputs", '"yo"'),
                    str("plain", "raw"),
                  ],
                }),
                otlpSpan(t1, hex(8), "child", {
                  parentSpanId: root,
                  status: { code: 2, message: "bad" },
                  attributes: [str("mlflow.chat.tokenUsage", '{"input_tokens":3,"output_tokens":4,"total_tokens":7}')],
                }),
                otlpSpan(t2, hex(8), "other"),
              ],
            },
          ],
        },
      ],
    });
    expect(res).toEqual({ status: 200, contentType: "application/x-protobuf", body: "" });

    const info = await getTraceInfo(uri, `tr-${t1}`);
    expect(info.state).toBe("OK");
    expect(info.request_preview).toBe('{"q":"hi"}');
    expect(info.response_preview).toBe('"yo"');
    expect(info.tags?.["mlflow.trace.spansLocation"]).toBe("TRACKING_STORE");
    expect(info.tags?.["mlflow.traceName"]).toBeUndefined();
    expect(info.tags?.["service.name"]).toBe("facts");
    expect(JSON.parse(info.trace_metadata?.["mlflow.trace.tokenUsage"] ?? "null")).toEqual({
      input_tokens: 3,
      output_tokens: 4,
      total_tokens: 7,
    });
    expect((await getTraceInfo(uri, `tr-${t2}`)).state).toBe("OK");

    const spans = await getTraceSpans(uri, `tr-${t1}`);
    expect(spans.map((s) => s.name)).toEqual(["root", "child"]);
    expect(base64IdToHex(spans[0]!.span_id)).toBe(root);
    // Raw OTLP strings are stored JSON-encoded, and the server adds mlflow.traceRequestId.
    expect(spans[0]!.attributes["plain"]).toBe('"raw"');
    expect(decodeSpanAttributes(spans[0]!.attributes)).toMatchObject({
      plain: "raw",
      "mlflow.spanType": "CHAIN",
      "mlflow.spanInputs": { q: "hi" },
      "mlflow.traceRequestId": `tr-${t1}`,
    });
  });

  it("StartTraceV3 after OTLP merges: spans stay, name/previews/state/metadata are set", async () => {
    const t = hex(16);
    await postOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: [otlpSpan(t, hex(8), "root")] }] }] });
    await mlflowRequest(uri, "POST", "/api/3.0/mlflow/traces", startTraceBody(`tr-${t}`, { state: "ERROR" }));
    const info = await getTraceInfo(uri, `tr-${t}`);
    expect(info).toMatchObject({ state: "ERROR", request_preview: "REQ", response_preview: "RESP" });
    expect(info.tags).toMatchObject({ "mlflow.traceName": "named_by_rest", "mlflow.trace.spansLocation": "TRACKING_STORE" });
    expect(info.trace_metadata).toMatchObject({ "mlflow.trace.user": "bob", "mlflow.trace.infoFinalized": "true" });
    expect((await getTraceSpans(uri, `tr-${t}`)).map((s) => s.name)).toEqual(["root"]);
  });

  it("OTLP after StartTraceV3 keeps the REST info and serves the OTLP spans", async () => {
    const t = hex(16);
    await mlflowRequest(uri, "POST", "/api/3.0/mlflow/traces", startTraceBody(`tr-${t}`));
    await postOtlpJson({ resourceSpans: [{ scopeSpans: [{ spans: [otlpSpan(t, hex(8), "late_root")] }] }] });
    const info = await getTraceInfo(uri, `tr-${t}`);
    expect(info).toMatchObject({ request_preview: "REQ", response_preview: "RESP" });
    expect(info.tags).toMatchObject({ "mlflow.traceName": "named_by_rest", "mlflow.trace.spansLocation": "TRACKING_STORE" });
    expect((await getTraceSpans(uri, `tr-${t}`)).map((s) => s.name)).toEqual(["late_root"]);
  });

  it("POST /v1/traces rejects a missing experiment header (422) and an empty body (400)", async () => {
    expect((await postOtlpJson({ resourceSpans: [] }, {})).status).toBe(422);
    const empty = await postOtlpJson({});
    expect(empty.status).toBe(400);
    expect(empty.body).toMatch(/no spans found/);
  });
});
