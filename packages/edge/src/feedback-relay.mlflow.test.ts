import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { AssessmentLoggingError, flushTraces, logFeedback, logExpectation, withSpan } from "@kong-mlflow/core";
import { createTraceRelay } from "@kong-mlflow/core/internal";
import { toNodeHandler } from "@kong-mlflow/node";
import { getTraceInfo, readTraceWithPython } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { init } from "./init";

const trackingUri = inject("mlflowTrackingUri");
const experimentName = `feedback-relay-${Date.now()}`;
let server: Server;
let relayUrl: string;
const relayRequests: Array<{ authorization: string | undefined; body: string }> = [];

beforeAll(async () => {
  const relay = toNodeHandler(createTraceRelay({ trackingUri, experimentNames: [experimentName] }));
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (d: Buffer) => (body += d));
    req.on("end", () => relayRequests.push({ authorization: req.headers.authorization, body }));
    void relay(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  relayUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/traces`;
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
});

async function tracedCall(name: string): Promise<string> {
  let traceId = "";
  await withSpan({ name }, async (span) => {
    traceId = span.traceId;
    return "answer";
  });
  await flushTraces();
  return traceId;
}

describe("feedback from a page that traces through the relay", () => {
  it("goes through the relay (not to MLflow) and lands on the trace; REST and the Python client read it back", async () => {
    init({ relayUrl, experimentName });
    const traceId = await tracedCall("page-answer");
    const feedback = await logFeedback({ traceId, name: "thumbs_up", value: true, rationale: "helpful", source: { sourceType: "HUMAN", sourceId: "page-user" } });
    const expectation = await logExpectation({ traceId, name: "expected_answer", value: "answer" });
    expect(feedback).toMatchObject({ kind: "feedback", name: "thumbs_up", value: true, traceId, source: { sourceType: "HUMAN", sourceId: "page-user" } });
    expect(expectation).toMatchObject({ kind: "expectation", value: "answer" });
    const relayed = relayRequests.filter((r) => r.body.includes('"format":"kong-mlflow.assessment.v1"'));
    expect(relayed).toHaveLength(2);
    expect(relayed.every((r) => r.authorization === undefined)).toBe(true);

    const info = await getTraceInfo(trackingUri, traceId);
    expect((info.assessments as Array<{ assessment_name: string }>).map((a) => a.assessment_name).sort()).toEqual(["expected_answer", "thumbs_up"]);
    const py = await readTraceWithPython(trackingUri, traceId);
    expect(py.info.assessments.find((a) => a.assessment_name === "thumbs_up")).toMatchObject({ kind: "Feedback", value: true, rationale: "helpful", source: { source_type: "HUMAN", source_id: "page-user" } });
  });

  it("is refused by the relay on a trace outside its experiments, and the error says so", async () => {
    init({ trackingUri, experimentId: "0" }); // a trace in the Default experiment, not on the relay's list
    const elsewhere = await tracedCall("elsewhere");
    init({ relayUrl, experimentName });
    const error = (await logFeedback({ traceId: elsewhere, value: false }).catch((e: unknown) => e)) as AssessmentLoggingError;
    expect(AssessmentLoggingError.isInstance(error)).toBe(true);
    expect(error.status).toBe(403);
    expect(error.message).toContain(`the trace relay refused assessment "feedback" on ${elsewhere} (HTTP 403)`);
    expect(error.message).toContain("not in an experiment on this relay's allow-list");
    expect((await getTraceInfo(trackingUri, elsewhere)).assessments ?? []).toEqual([]);
  });
});
