import { writeFileSync } from "node:fs";
import type { LandedTrace } from "./readback";
import type { RuntimeName, ScenarioId } from "./scenarios/catalog";

/** What one scenario run left in MLflow. */
export interface ScenarioResult {
  scenario: ScenarioId;
  runtime: RuntimeName;
  /** The trace's MLflow UI page. */
  url: string;
  trace: LandedTrace;
  /** How the trace differs from the expected shape; empty when it matches. */
  problems: string[];
}

/** Everything a run did, as `--json <file>` writes it. */
export interface DemoReport {
  mlflow: { trackingUri: string; version: string; experimentId: string; experimentName: string; startedByDemo: boolean };
  gateway: { url: string; standin: boolean };
  results: ScenarioResult[];
}

/**
 * The MLflow UI page of one trace: the experiment's Traces tab with the
 * trace opened (checked against MLflow 3.17: it renders the trace view).
 */
export function traceUrl(trackingUri: string, experimentId: string, traceId: string): string {
  return `${trackingUri}/#/experiments/${experimentId}/traces?selectedEvaluationId=${traceId}`;
}

/** The summary table: scenario, trace id, spans, tokens, gateway request id, latency. */
export function summaryTable(results: readonly ScenarioResult[]): string {
  const rows = [["scenario", "trace id", "spans", "tokens", "gateway request id", "latency"]];
  for (const r of results) {
    const t = r.trace;
    const name = r.runtime === "node" ? r.scenario : `${r.scenario} (${r.runtime})`;
    rows.push([name, t.traceId, String(t.spans.length), t.totalTokens === undefined ? "-" : String(t.totalTokens), t.gatewayRequestId ?? "-", `${t.latencyMs.toFixed(1)} ms`]);
  }
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) => row.map((cell, i) => cell.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(rows[0]!), widths.map((w) => "-".repeat(w)).join("  "), ...rows.slice(1).map(line)].join("\n");
}

/** Writes the report as JSON (bigints as strings). */
export function writeReport(path: string, report: DemoReport): void {
  writeFileSync(path, `${JSON.stringify(report, (_k, v: unknown) => (typeof v === "bigint" ? String(v) : v), 2)}\n`);
}
