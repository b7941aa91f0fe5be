import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { getFreePort, getTraceInfo, readTraceWithPython } from "@kong-mlflow/testkit";
import { afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import {
  AssessmentLoggingError,
  SpanType,
  flushTraces,
  getLastActiveTraceId,
  init,
  logExpectation,
  logFeedback,
  relayAssessmentSink,
  setAssessmentSink,
  startSpan,
  trace,
} from "./index";
import { initFreshExperiment } from "./testing/mlflow-readback";

const trackingUri = inject("mlflowTrackingUri");
let traceId: string;
let childSpanId: string;

const answer = trace({ name: "answer", spanType: SpanType.CHAIN }, async (question: string) => {
  const child = startSpan({ name: "lookup", spanType: SpanType.RETRIEVER, inputs: { question } });
  childSpanId = child.spanId;
  child.end({ outputs: ["doc"] });
  return `about ${question}`;
});

beforeAll(async () => {
  initFreshExperiment(trackingUri, "feedback");
  await answer("kong");
  traceId = getLastActiveTraceId()!;
  await flushTraces();
});
afterEach(() => setAssessmentSink(undefined));

describe("logFeedback / logExpectation against a real MLflow", () => {
  it("records a thumbs-up and an expectation that REST and the Python client read back", async () => {
    const feedback = await logFeedback({
      traceId,
      name: "user_satisfaction",
      value: true,
      rationale: "answered my question",
      source: { sourceType: "HUMAN", sourceId: "alice" },
      metadata: { page: "/chat" },
    });
    expect(feedback).toMatchObject({
      kind: "feedback",
      name: "user_satisfaction",
      traceId,
      value: true,
      rationale: "answered my question",
      source: { sourceType: "HUMAN", sourceId: "alice" },
      metadata: { page: "/chat" },
      valid: true,
    });
    expect(feedback.assessmentId).toMatch(/^a-[0-9a-f]{32}$/);
    expect(Date.parse(feedback.createTime!)).toBeGreaterThan(Date.now() - 60_000);

    const score = await logFeedback({ traceId, spanId: childSpanId, name: "relevance", value: { score: 0.8, labels: ["on-topic"] }, source: { sourceType: "LLM_JUDGE", sourceId: "gpt-4o" } });
    expect(score).toMatchObject({ spanId: childSpanId, value: { score: 0.8, labels: ["on-topic"] }, source: { sourceType: "LLM_JUDGE" } });
    const judgeError = await logFeedback({ traceId, name: "faithfulness", error: new Error("judge timed out") });
    expect(judgeError).toMatchObject({ source: { sourceType: "CODE", sourceId: "default" }, error: { errorCode: "Error", errorMessage: "judge timed out" } });
    const expectation = await logExpectation({ traceId, name: "expected_facts", value: { port: 8000, names: ["proxy", "admin"] } });
    expect(expectation).toMatchObject({ kind: "expectation", value: { port: 8000, names: ["proxy", "admin"] }, source: { sourceType: "HUMAN", sourceId: "default" } });

    const info = await getTraceInfo(trackingUri, traceId);
    const rest = Object.fromEntries((info.assessments as Array<Record<string, unknown>>).map((a) => [a.assessment_name as string, a]));
    expect(rest.user_satisfaction).toMatchObject({ assessment_id: feedback.assessmentId, feedback: { value: true }, rationale: "answered my question", source: { source_type: "HUMAN", source_id: "alice" }, metadata: { page: "/chat" } });
    expect(rest.relevance).toMatchObject({ span_id: childSpanId, feedback: { value: { score: 0.8, labels: ["on-topic"] } } });
    expect(rest.expected_facts).toMatchObject({ expectation: { serialized_value: { serialization_format: "JSON_FORMAT" } } });

    const py = await readTraceWithPython(trackingUri, traceId);
    const byName = Object.fromEntries(py.info.assessments.map((a) => [a.assessment_name, a]));
    expect(byName.user_satisfaction).toMatchObject({ kind: "Feedback", value: true, rationale: "answered my question", source: { source_type: "HUMAN", source_id: "alice" }, metadata: { page: "/chat" } });
    expect(byName.relevance).toMatchObject({ kind: "Feedback", span_id: childSpanId, value: { score: 0.8, labels: ["on-topic"] } });
    expect(byName.faithfulness).toMatchObject({ kind: "Feedback", value: null, feedback: { error: { error_code: "Error", error_message: "judge timed out" } } });
    expect(byName.expected_facts).toMatchObject({ kind: "Expectation", value: { port: 8000, names: ["proxy", "admin"] } });
  });

  it("rejects with a typed error carrying MLflow's message when MLflow refuses", async () => {
    const unknown = "tr-00000000000000000000000000000001";
    const error = await logFeedback({ traceId: unknown, value: false }).catch((e: unknown) => e);
    expect(AssessmentLoggingError.isInstance(error)).toBe(true);
    const e = error as AssessmentLoggingError;
    expect(e.status).toBe(404);
    expect(e.errorCode).toBe("RESOURCE_DOES_NOT_EXIST");
    expect(e.traceId).toBe(unknown);
    expect(e.message).toBe(`MLflow refused assessment "feedback" on ${unknown} (HTTP 404 RESOURCE_DOES_NOT_EXIST): Trace with ID '${unknown}' not found.`);
  });

  it("rejects bad options before sending, and says when MLflow cannot be reached", async () => {
    await expect(logFeedback({ traceId, value: 1, metadata: { n: 1 as unknown as string } })).rejects.toMatchObject({ name: "AssessmentLoggingError", errorCode: "INVALID_PARAMETER_VALUE" });
    const port = await getFreePort();
    init({ trackingUri: `http://127.0.0.1:${port}`, shutdownFlushTimeoutMs: false });
    try {
      const error = (await logFeedback({ traceId, value: true }).catch((e: unknown) => e)) as AssessmentLoggingError;
      expect(error.name).toBe("AssessmentLoggingError");
      expect(error.status).toBeUndefined();
      expect(error.message).toMatch(new RegExp(`could not reach MLflow at http://127.0.0.1:${port} .*ECONNREFUSED`));
    } finally {
      initFreshExperiment(trackingUri, "feedback");
    }
  });

  it("sends through an installed sink instead of MLflow (the relay seam), without MLflow credentials", async () => {
    const seen: Array<{ headers: Record<string, unknown>; body: unknown }> = [];
    const relay = createServer((req, res) => {
      let text = "";
      req.on("data", (d: Buffer) => (text += d));
      req.on("end", () => {
        seen.push({ headers: req.headers, body: JSON.parse(text) });
        res.writeHead(200, { "Content-Type": "application/json" });
        res.end(JSON.stringify({ assessment: { assessment_id: "a-relay", assessment_name: "thumbs", trace_id: traceId, source: { source_type: "HUMAN", source_id: "u1" }, feedback: { value: true } } }));
      });
    });
    await new Promise<void>((r) => relay.listen(0, "127.0.0.1", r));
    try {
      init({ trackingUri, trackingServerToken: "secret-token", shutdownFlushTimeoutMs: false });
      setAssessmentSink(relayAssessmentSink({ url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}/api/traces`, headers: { "x-csrf": "t" } }));
      const created = await logFeedback({ traceId, name: "thumbs", value: true, source: { sourceType: "HUMAN", sourceId: "u1" } });
      expect(created).toMatchObject({ assessmentId: "a-relay", value: true });
      expect(seen).toHaveLength(1);
      expect(seen[0]!.body).toEqual({
        format: "kong-mlflow.assessment.v1",
        traceId,
        assessment: { assessment_name: "thumbs", trace_id: traceId, source: { source_type: "HUMAN", source_id: "u1" }, feedback: { value: true } },
      });
      expect(seen[0]!.headers["x-csrf"]).toBe("t");
      expect(seen[0]!.headers.authorization).toBeUndefined();
    } finally {
      await new Promise((r) => relay.close(r));
      initFreshExperiment(trackingUri, "feedback");
    }
  });
});
