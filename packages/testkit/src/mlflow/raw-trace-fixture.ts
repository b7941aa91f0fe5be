import { randomBytes } from "node:crypto";
import { stringifyJsonWithBigInts } from "./big-json";
import { MlflowRestError } from "./errors";
import { mlflowRequest } from "./mlflow-rest";
import type { MlflowTraceInfo } from "./mlflow-types";
import { hexIdToBase64 } from "./span-ids";

/**
 * A TEST FIXTURE, not the SDK exporter: writes one trace with hand-made raw MLflow REST calls
 * (StartTraceV3 `POST /api/3.0/mlflow/traces`, then `PUT …/traces.json` to the artifact
 * location the server returns), so the readers can be tested without the SDK.
 */

/** Options of {@link writeRawTrace}. */
export interface WriteRawTraceOptions {
  experimentId: string;
  /** Root span name and `mlflow.traceName` tag. Default `chat_turn`. */
  name?: string;
  /** Root span start, epoch ns. Default: now, with sub-ms digits (> 2^53). */
  startNs?: bigint;
  /** Extra trace tags. */
  tags?: Record<string, string>;
}

/** What {@link writeRawTrace} wrote. */
export interface RawTrace {
  traceId: string;
  /** 32 hex. */
  otelTraceId: string;
  rootSpanId: string;
  childSpanId: string;
  rootStartNs: bigint;
  rootEndNs: bigint;
  childStartNs: bigint;
  childEndNs: bigint;
  /** The StartTraceV3 response's trace info. */
  startResponse: MlflowTraceInfo;
  /** The `traces.json` body that was PUT. */
  tracesJson: string;
}

const hex = (bytes: number) => randomBytes(bytes).toString("hex");

/**
 * Writes a two-span trace: root `name` (CHAIN, OK, JSON inputs/outputs) and child `llm`
 * (LLM, ERROR "boom", an `exception` event, token usage, and one attribute `raw.plain` stored
 * as a RAW string, not JSON-encoded).
 */
export async function writeRawTrace(trackingUri: string, opts: WriteRawTraceOptions): Promise<RawTrace> {
  const name = opts.name ?? "chat_turn";
  const otelTraceId = hex(16);
  const traceId = `tr-${otelTraceId}`;
  const rootSpanId = hex(8);
  const childSpanId = hex(8);
  const rootStartNs = opts.startNs ?? BigInt(Date.now()) * 1_000_000n + 123_457n;
  const childStartNs = rootStartNs + 1_000_001n;
  const childEndNs = childStartNs + 40_000_003n;
  const rootEndNs = childEndNs + 5_000_007n;
  const enc = (v: unknown) => JSON.stringify(v);

  const info = {
    trace_id: traceId,
    client_request_id: `req-${hex(4)}`,
    trace_location: { type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: opts.experimentId } },
    request_preview: "What is MLflow?",
    response_preview: "An open source platform.",
    request_time: new Date(Number(rootStartNs / 1_000_000n)).toISOString(),
    execution_duration: `${Number(rootEndNs - rootStartNs) / 1e9}s`,
    state: "ERROR",
    trace_metadata: {
      "mlflow.trace_schema.version": "3",
      "mlflow.trace.tokenUsage": enc({ input_tokens: 10, output_tokens: 5, total_tokens: 15 }),
      "mlflow.trace.session": "sess-1",
      "mlflow.trace.user": "alice",
    },
    tags: { "mlflow.traceName": name, ...opts.tags },
  };
  const started = await mlflowRequest<{ trace: { trace_info: MlflowTraceInfo } }>(
    trackingUri,
    "POST",
    "/api/3.0/mlflow/traces",
    { trace: { trace_info: info } },
  );
  const startResponse = started.trace.trace_info;
  const location = startResponse.tags?.["mlflow.artifactLocation"];
  if (!location?.startsWith("mlflow-artifacts:")) {
    throw new Error(`StartTraceV3 returned no mlflow-artifacts: location tag: ${JSON.stringify(startResponse.tags)}`);
  }

  const traceB64 = hexIdToBase64(otelTraceId);
  const spans = {
    spans: [
      {
        trace_id: traceB64,
        span_id: hexIdToBase64(rootSpanId),
        parent_span_id: null,
        name,
        start_time_unix_nano: rootStartNs,
        end_time_unix_nano: rootEndNs,
        status: { code: "STATUS_CODE_OK", message: "" },
        attributes: {
          "mlflow.traceRequestId": enc(traceId),
          "mlflow.spanType": enc("CHAIN"),
          "mlflow.spanInputs": enc({ messages: [{ role: "user", content: "What is MLflow?" }] }),
          "mlflow.spanOutputs": enc({ answer: "An open source platform." }),
        },
        events: [],
      },
      {
        trace_id: traceB64,
        span_id: hexIdToBase64(childSpanId),
        parent_span_id: hexIdToBase64(rootSpanId),
        name: "llm",
        start_time_unix_nano: childStartNs,
        end_time_unix_nano: childEndNs,
        status: { code: "STATUS_CODE_ERROR", message: "boom" },
        attributes: {
          "mlflow.traceRequestId": enc(traceId),
          "mlflow.spanType": enc("LLM"),
          "mlflow.chat.tokenUsage": enc({ input_tokens: 10, output_tokens: 5, total_tokens: 15 }),
          "raw.plain": "not json encoded",
        },
        events: [
          {
            name: "exception",
            time_unix_nano: childEndNs - 1n,
            attributes: { "exception.type": "Error", "exception.message": "boom" },
          },
        ],
      },
    ],
  };
  const tracesJson = stringifyJsonWithBigInts(spans);
  const path = location.slice("mlflow-artifacts:".length).replace(/^\/*/, "/");
  const url = `${trackingUri.replace(/\/+$/, "")}/api/2.0/mlflow-artifacts/artifacts${path}/traces.json`;
  const res = await fetch(url, { method: "PUT", body: tracesJson, headers: { "Content-Type": "application/json" } });
  if (!res.ok) throw new MlflowRestError("PUT", url, res.status, await res.text());

  return {
    traceId,
    otelTraceId,
    rootSpanId,
    childSpanId,
    rootStartNs,
    rootEndNs,
    childStartNs,
    childEndNs,
    startResponse,
    tracesJson,
  };
}
