import { mlflowRequest } from "./mlflow-rest";
import type { MlflowTraceInfo } from "./mlflow-types";

/** A span as `traces/batchGet` returns it, attributes decoded to plain values. */
export interface BatchSpan {
  name: string;
  /** Base64 span id. */
  span_id: string;
  /** Base64 parent span id, absent for a root span. */
  parent_span_id?: string;
  /** Base64 trace id. */
  trace_id: string;
  attributes: Record<string, unknown>;
  status?: { code?: string; message?: string };
}

/** A complete trace from `traces/batchGet`. */
export interface BatchTrace {
  trace_info: MlflowTraceInfo;
  spans: BatchSpan[];
}

type AnyValue = {
  string_value?: string;
  int_value?: number | string;
  double_value?: number;
  bool_value?: boolean;
  kvlist_value?: { values?: Array<{ key: string; value: AnyValue }> };
  array_value?: { values?: AnyValue[] };
};

/** Decodes an OTel `AnyValue` (proto JSON, snake_case) to a plain value. */
export function decodeAnyValue(value: AnyValue | undefined): unknown {
  if (!value) return null;
  if (value.string_value !== undefined) return value.string_value;
  if (value.int_value !== undefined) return Number(value.int_value);
  if (value.double_value !== undefined) return value.double_value;
  if (value.bool_value !== undefined) return value.bool_value;
  if (value.kvlist_value) return Object.fromEntries((value.kvlist_value.values ?? []).map((kv) => [kv.key, decodeAnyValue(kv.value)]));
  if (value.array_value) return (value.array_value.values ?? []).map(decodeAnyValue);
  return null;
}

/**
 * `GET /api/3.0/mlflow/traces/batchGet`: whole traces (info and spans) for
 * up to `chunkSize` ids per request. Only for traces whose spans MLflow
 * keeps in its database (SQL store; the OTLP path).
 */
export async function batchGetTraces(trackingUri: string, traceIds: string[], chunkSize = 100): Promise<BatchTrace[]> {
  const out: BatchTrace[] = [];
  for (let i = 0; i < traceIds.length; i += chunkSize) {
    const query = traceIds
      .slice(i, i + chunkSize)
      .map((id) => `trace_ids=${encodeURIComponent(id)}`)
      .join("&");
    const res = await mlflowRequest<{ traces?: Array<{ trace_info: MlflowTraceInfo; spans?: Array<Omit<BatchSpan, "attributes"> & { attributes?: Array<{ key: string; value: AnyValue }> }> }> }>(
      trackingUri,
      "GET",
      `/api/3.0/mlflow/traces/batchGet?${query}`,
    );
    for (const t of res?.traces ?? []) {
      out.push({
        trace_info: t.trace_info,
        spans: (t.spans ?? []).map((s) => ({ ...s, attributes: Object.fromEntries((s.attributes ?? []).map((a) => [a.key, decodeAnyValue(a.value)])) })),
      });
    }
  }
  return out;
}
