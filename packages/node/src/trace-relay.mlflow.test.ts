import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { getTraceInfo, getTraceSpans } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { createTraceRelay, logFeedback, relayAssessmentSink, setAssessmentSink, toNodeHandler } from "./index";

const trackingUri = inject("mlflowTrackingUri");
const experiment = `node-relay-${Date.now()}`;
let server: Server;
let url: string;

beforeAll(async () => {
  const relay = createTraceRelay({ trackingUri, experimentNames: [experiment] });
  server = createServer(toNodeHandler(relay));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/traces`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const hex = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 16).toString(16)).join("");

/** A payload in the relay's wire format, written by hand as any client could. */
function payload(traceId: string, overrides: Record<string, unknown> = {}) {
  const now = Date.now();
  return {
    format: "kong-mlflow.traces.v1",
    experimentName: experiment,
    traces: [
      {
        traceId,
        tags: { source: "browser" },
        spans: [
          { spanId: "1111111111111111", parentId: null, name: "page-turn", spanType: "CHAIN", startTimeMs: now, endTimeMs: now + 5, status: { code: "STATUS_CODE_OK" }, inputs: { q: "hi" }, outputs: "bye", attributes: {}, events: [] },
          { spanId: "2222222222222222", parentId: "1111111111111111", name: "llm", spanType: "CHAT_MODEL", startTimeMs: now + 1, endTimeMs: now + 4, status: { code: "STATUS_CODE_OK" }, attributes: { "kong.request_id": "abc" }, events: [] },
          ...((overrides.extraSpans as unknown[]) ?? []),
        ],
      },
    ],
  };
}

const post = (body: string) => fetch(url, { method: "POST", headers: { "content-type": "text/plain" }, body });

describe("the trace relay in Node (toNodeHandler), forwarding to a real MLflow", () => {
  it("forwards a valid payload: MLflow holds the trace with its spans and tags", async () => {
    const traceId = `tr-${hex(32)}`;
    const res = await post(JSON.stringify(payload(traceId)));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1 });
    const info = await getTraceInfo(trackingUri, traceId);
    expect(info.tags?.source).toBe("browser");
    expect(info.tags?.["mlflow.traceName"]).toBe("page-turn");
    const spans = await getTraceSpans(trackingUri, traceId);
    expect(spans.map((s) => s.name).sort()).toEqual(["llm", "page-turn"]);

    // the same route records the page's feedback on that trace (relayAssessmentSink)
    setAssessmentSink(relayAssessmentSink({ url }));
    try {
      const feedback = await logFeedback({ traceId, name: "thumbs", value: true, source: { sourceType: "HUMAN", sourceId: "page-user" } });
      expect(feedback).toMatchObject({ name: "thumbs", value: true });
      const withAssessment = await getTraceInfo(trackingUri, traceId);
      expect(JSON.stringify(withAssessment)).toContain("thumbs");
    } finally {
      setAssessmentSink(undefined);
    }
  });

  it("answers a payload with a dangling parent with a 400 naming it, and MLflow never sees the trace", async () => {
    const traceId = `tr-${hex(32)}`;
    const bad = payload(traceId, { extraSpans: [{ spanId: "3333333333333333", parentId: "9999999999999999", name: "orphan", spanType: "TOOL", startTimeMs: 1, endTimeMs: 2, status: { code: "STATUS_CODE_OK" }, attributes: {}, events: [] }] });
    const res = await post(JSON.stringify(bad));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'traces[0].spans[2].parentId: "9999999999999999" is not a span of this trace' });
    await expect(getTraceInfo(trackingUri, traceId)).rejects.toThrow(/404/);
  });

  it("streams the answer through Node and turns a throwing handler into a 500", async () => {
    const failing = createServer(
      toNodeHandler(async () => {
        throw new Error("handler broke");
      }),
    );
    await new Promise<void>((resolve) => failing.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(failing.address() as AddressInfo).port}/`, { method: "POST", body: "x" });
      expect(res.status).toBe(500);
      expect(await res.json()).toEqual({ error: "handler broke" });
    } finally {
      failing.closeAllConnections();
      await new Promise((resolve) => failing.close(resolve));
    }
  });
});
