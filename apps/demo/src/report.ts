import { getTraceInfo, getTraceSpans, decodeSpanAttributes } from "@kong-mlflow/testkit";

/** One line of the demo's summary table. */
export interface ScenarioResult {
  scenario: string;
  traceId: string;
}

/** The MLflow UI page of one trace. */
export function traceUrl(trackingUri: string, experimentId: string, traceId: string): string {
  return `${trackingUri}/#/experiments/${experimentId}/traces?selectedEvaluationId=${traceId}`;
}

/** Reads each trace back from MLflow and prints the summary table. */
export async function printSummary(trackingUri: string, results: ScenarioResult[]): Promise<void> {
  const rows = [["scenario", "trace id", "spans", "tokens", "gateway request id", "latency"]];
  for (const r of results) {
    const info = await getTraceInfo(trackingUri, r.traceId);
    const spans = await getTraceSpans(trackingUri, r.traceId);
    const usage = info.trace_metadata?.["mlflow.trace.tokenUsage"];
    const tokens = usage ? String((JSON.parse(usage) as { total_tokens?: number }).total_tokens ?? "-") : "-";
    const requestId = spans.map((s) => decodeSpanAttributes(s.attributes)["kong.request_id"]).find((v) => typeof v === "string") as string | undefined;
    const seconds = Number.parseFloat(info.execution_duration ?? "0");
    rows.push([r.scenario, r.traceId, String(spans.length), tokens, requestId ?? "-", `${(seconds * 1000).toFixed(1)} ms`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ");
  console.log(`\n${line(rows[0]!)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  for (const row of rows.slice(1)) console.log(line(row));
}
