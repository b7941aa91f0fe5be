import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpan } from "../api/start-span";
import { updateCurrentTrace } from "../api/update-current-trace";
import { withSpan } from "../api/with-span";
import { captureTraces } from "../testing/capture-traces";
import type { FinishedTrace } from "../tracing/finished-trace";
import { decodeRelayPayload, resolveRelayLimits } from "./relay-decode";
import { encodeRelayTrace, relayPayloadText } from "./relay-wire";
import { traceDataJson } from "./span-json";
import { buildTraceInfo } from "./trace-info";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

async function sampleTrace(): Promise<FinishedTrace> {
  await withSpan({ name: "root", spanType: "CHAIN", inputs: { q: "ünïcode \u2028 \"quoted\"" } }, async (root) => {
    updateCurrentTrace({ tags: { app: "web" }, metadata: { build: "42" }, sessionId: "s1", clientRequestId: "req-1", requestPreview: "custom" });
    const child = startSpan({ name: "tool", parent: root, attributes: { k: 2, nested: { a: [1, null] }, flag: true } });
    child.addEvent({ name: "tick", attributes: { n: 1 } });
    child.recordException(new TypeError("bad"));
    child.setStatus("ERROR", "bad");
    child.end({ outputs: [1, "two"] });
    startSpan({ name: "no-io", parent: root }).end();
    return { answer: 42 };
  });
  const [trace] = await capture.flush();
  return trace!;
}

describe("the relay wire format", () => {
  it("round-trips a finished trace exactly: what MLflow receives from the relay equals what it would get directly", async () => {
    const trace = await sampleTrace();
    const text = relayPayloadText([encodeRelayTrace(trace)], { experimentName: "web" });
    const decoded = decodeRelayPayload(JSON.parse(text), resolveRelayLimits());
    expect(decoded.experimentName).toBe("web");
    expect(decoded.experimentId).toBeUndefined();
    const [copy] = decoded.traces;
    // the transports' own encodings match byte for byte
    const direct = traceDataJson(trace.spans, trace.otelTraceId);
    const relayed = traceDataJson(copy!.spans, copy!.otelTraceId);
    expect(relayed.json).toBe(direct.json);
    const info = (t: FinishedTrace, data: ReturnType<typeof traceDataJson>) => buildTraceInfo(t, "7", data.json, data.spanTexts);
    const { execution_duration: relayedDuration, ...relayedInfo } = info(copy!, relayed);
    const { execution_duration: directDuration, ...directInfo } = info(trace, direct);
    expect(relayedInfo).toEqual(directInfo);
    // the duration is printed with 6 decimals: one unit in the last place, plus float noise
    expect(Math.abs(Number.parseFloat(relayedDuration) - Number.parseFloat(directDuration))).toBeLessThanOrEqual(1.5e-6);
    expect(copy!.root.spanId).toBe(trace.root.spanId);
    expect(copy!.updates).toEqual(trace.updates);
  });

  it("names the experiment by id, by name, or not at all", () => {
    expect(relayPayloadText([], { experimentId: "3" })).toBe('{"format":"kong-mlflow.traces.v1","experimentId":"3","traces":[]}');
    expect(relayPayloadText([], {})).toBe('{"format":"kong-mlflow.traces.v1","traces":[]}');
  });
});
