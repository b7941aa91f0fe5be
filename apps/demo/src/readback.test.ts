import { describe, expect, it } from "vitest";
import { type LandedSpan, type LandedTrace, shapeProblems, spanTree } from "./readback";
import { summaryTable, traceUrl } from "./report";
import { scenarioById } from "./scenarios/catalog";

const span = (name: string, type: string, parent?: string, status = "STATUS_CODE_OK"): LandedSpan => ({ name, type, ...(parent ? { parent } : {}), status, attributes: {} });
const trace = (spans: LandedSpan[], extra: Partial<LandedTrace> = {}): LandedTrace => ({ traceId: "tr-1", state: "OK", spans, totalTokens: undefined, gatewayRequestId: undefined, latencyMs: 12.34, ...extra });

describe("checking what landed against a scenario's expected spans", () => {
  const expected = scenarioById("traced-function")!.spans;

  it("accepts the expected tree and draws it on one line", () => {
    const landed = trace([span("askQuestion", "CHAIN"), span("chat.completions.create", "CHAT_MODEL", "askQuestion")]);
    expect(shapeProblems(expected, landed)).toEqual([]);
    expect(spanTree(landed.spans)).toBe("askQuestion > chat.completions.create");
    const manual = scenarioById("manual-tracing")!.spans.map((s) => span(s.name, s.type, s.parent));
    expect(spanTree(manual)).toBe("answerFromDocs > (retrieveDocuments > rankDocuments, formatAnswer)");
  });

  it("names each difference", () => {
    const landed = trace([span("askQuestion", "LLM"), span("chat.completions.create", "CHAT_MODEL", undefined, "STATUS_CODE_ERROR")], { state: "ERROR" });
    expect(shapeProblems(expected, landed)).toEqual([
      "trace state is ERROR, not OK",
      "span askQuestion is LLM, expected CHAIN",
      "no span chat.completions.create under askQuestion",
      "span chat.completions.create has status ERROR",
    ]);
    expect(shapeProblems(expected, trace([span("askQuestion", "CHAIN")]))).toContain("1 span(s), expected 2");
  });
});

describe("the summary", () => {
  it("links each trace in the MLflow UI and tabulates what landed", () => {
    expect(traceUrl("http://127.0.0.1:5000", "7", "tr-abc")).toBe("http://127.0.0.1:5000/#/experiments/7/traces?selectedEvaluationId=tr-abc");
    const table = summaryTable([
      { scenario: "basic", runtime: "node", url: "u", problems: [], trace: trace([span("chat.completions.create", "CHAT_MODEL")], { totalTokens: 11, gatewayRequestId: "f00d" }) },
      { scenario: "streaming", runtime: "edge", url: "u", problems: [], trace: trace([span("chat.completions.create", "CHAT_MODEL")]) },
    ]).split("\n");
    expect(table[0]).toMatch(/^scenario\s+trace id\s+spans\s+tokens\s+gateway request id\s+latency$/);
    expect(table[2]).toMatch(/^basic\s+tr-1\s+1\s+11\s+f00d\s+12\.3 ms$/);
    expect(table[3]).toMatch(/^streaming \(edge\)\s+tr-1\s+1\s+-\s+-\s+12\.3 ms$/);
  });
});
