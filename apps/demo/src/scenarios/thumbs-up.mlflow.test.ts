import { flushTraces, getLastActiveTraceId, init } from "@kong-mlflow/node";
import { type KongStandin, getTraceInfo, readTraceWithPython, startKongStandin } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { basicChat } from "./basic-chat";
import { thumbsUp } from "./thumbs-up";

declare module "vitest" {
  interface ProvidedContext {
    mlflowTrackingUri: string;
  }
}

const trackingUri = inject("mlflowTrackingUri");
let kong: KongStandin;

beforeAll(async () => {
  kong = await startKongStandin();
  vi.stubEnv("KONG_GATEWAY_URL", kong.url);
  init({ trackingUri, experimentName: `demo-thumbs-up-${Date.now()}`, batch: { scheduleDelayMs: 20 }, shutdownFlushTimeoutMs: false });
});
afterAll(async () => {
  vi.unstubAllEnvs();
  await kong.close();
});

describe("the demo's thumbs-up on the basic scenario", () => {
  it("lands as MLflow feedback on the trace, read back over REST and with the Python client", async () => {
    vi.spyOn(console, "log").mockImplementation(() => undefined);
    await basicChat();
    await flushTraces();
    const traceId = getLastActiveTraceId()!;
    const feedback = await thumbsUp(traceId);
    expect(feedback).toMatchObject({ kind: "feedback", name: "user_satisfaction", value: true, traceId, source: { sourceType: "HUMAN", sourceId: "demo-user" } });

    const info = await getTraceInfo(trackingUri, traceId);
    expect(info.assessments).toEqual([
      expect.objectContaining({
        assessment_id: feedback.assessmentId,
        assessment_name: "user_satisfaction",
        feedback: { value: true },
        rationale: "The answer was helpful.",
        source: { source_type: "HUMAN", source_id: "demo-user" },
      }),
    ]);

    const py = await readTraceWithPython(trackingUri, traceId);
    expect(py.info.assessments).toEqual([
      expect.objectContaining({ kind: "Feedback", assessment_id: feedback.assessmentId, assessment_name: "user_satisfaction", value: true, rationale: "The answer was helpful.", source: { source_type: "HUMAN", source_id: "demo-user" } }),
    ]);
    expect(py.spans.map((s) => s.name)).toEqual(["chat.completions.create"]);
  });
});
