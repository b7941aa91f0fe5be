import { decodeSpanAttributes, getTraceInfo, getTraceSpans, MlflowRestError } from "@kong-mlflow/testkit";
import type { ExpectedSpan } from "./scenarios/catalog";

/** A span as MLflow stored it, with the fields the demo reports. */
export interface LandedSpan {
  name: string;
  /** `mlflow.spanType`. */
  type: string;
  /** The parent span's name; absent for the root. */
  parent?: string;
  /** `STATUS_CODE_OK`, `STATUS_CODE_ERROR`, ... */
  status: string;
  /** Every attribute, decoded (inputs and outputs included). */
  attributes: Record<string, unknown>;
}

/** A trace read back from MLflow. */
export interface LandedTrace {
  traceId: string;
  /** `OK`, `ERROR`, ... */
  state: string;
  spans: LandedSpan[];
  /** Total tokens (`mlflow.trace.tokenUsage`), when the calls reported usage. */
  totalTokens: number | undefined;
  /** `kong.request_id` of the first LLM span that has one. */
  gatewayRequestId: string | undefined;
  /** The trace's duration as MLflow recorded it, in ms. */
  latencyMs: number;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Reads one trace back from MLflow (waiting up to `timeoutMs` for it to show up). */
export async function readLandedTrace(trackingUri: string, traceId: string, timeoutMs = 10_000): Promise<LandedTrace> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      const info = await getTraceInfo(trackingUri, traceId);
      const raw = await getTraceSpans(trackingUri, traceId);
      const names = new Map(raw.map((s) => [s.span_id, s.name]));
      const spans = raw.map((s): LandedSpan => {
        const attributes = decodeSpanAttributes(s.attributes);
        const parent = s.parent_span_id ? names.get(s.parent_span_id) : undefined;
        return { name: s.name, type: String(attributes["mlflow.spanType"] ?? ""), ...(parent ? { parent } : {}), status: s.status.code, attributes };
      });
      const usage = info.trace_metadata?.["mlflow.trace.tokenUsage"];
      const totalTokens = usage ? (JSON.parse(usage) as { total_tokens?: number }).total_tokens : undefined;
      const gatewayRequestId = spans.map((s) => s.attributes["kong.request_id"]).find((v): v is string => typeof v === "string");
      const latencyMs = Number.parseFloat(info.execution_duration ?? "0") * 1000;
      return { traceId, state: info.state, spans, totalTokens, gatewayRequestId, latencyMs };
    } catch (error) {
      if (!(error instanceof MlflowRestError && error.status === 404) || Date.now() >= deadline) throw error;
      await sleep(200);
    }
  }
}

/** What differs between a landed trace and the spans it should hold; empty when it matches. */
export function shapeProblems(expected: readonly ExpectedSpan[], landed: LandedTrace): string[] {
  const problems: string[] = [];
  if (landed.state !== "OK") problems.push(`trace state is ${landed.state}, not OK`);
  if (landed.spans.length !== expected.length) problems.push(`${landed.spans.length} span(s), expected ${expected.length}`);
  for (const want of expected) {
    const got = landed.spans.find((s) => s.name === want.name && s.parent === want.parent);
    if (!got) problems.push(`no span ${want.name}${want.parent ? ` under ${want.parent}` : " at the root"}`);
    else if (got.type !== want.type) problems.push(`span ${want.name} is ${got.type}, expected ${want.type}`);
  }
  for (const s of landed.spans) if (s.status === "STATUS_CODE_ERROR") problems.push(`span ${s.name} has status ERROR`);
  return problems;
}

/** `askQuestion > chat.completions.create`: the span tree on one line. */
export function spanTree(spans: readonly LandedSpan[]): string {
  const children = (parent: string | undefined): string =>
    spans
      .filter((s) => s.parent === parent)
      .map((s) => {
        const below = children(s.name);
        return below ? `${s.name} > ${below.includes(", ") ? `(${below})` : below}` : s.name;
      })
      .join(", ");
  return children(undefined);
}
