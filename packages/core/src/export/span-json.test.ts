import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpan } from "../api/start-span";
import { captureTraces } from "../testing/capture-traces";
import { traceDataJson } from "./span-json";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

describe("traces.json", () => {
  it("writes spans in MLflow's Python form: base64 ids, integer ns, JSON-encoded attributes", async () => {
    const root = startSpan({ name: "root", spanType: "CHAIN", inputs: { q: "hi" }, startTimeNs: 1749996461282772000n });
    const child = startSpan({ name: "child", parent: root, attributes: { "mlflow.llm.model": "gpt-4o", count: 3, obj: { a: 1 } } });
    child.addEvent({ name: "first_token", attributes: { n: 1 } });
    child.end({ endTimeNs: 1749996461300000000n });
    root.end({ outputs: "bye", endTimeNs: 1749996461365717000n });
    const [t] = await capture.flush();
    const { json, spanTexts } = traceDataJson(t!.spans, t!.otelTraceId);
    expect(spanTexts).toHaveLength(2);
    // integer nanoseconds survive exactly in the text
    expect(json).toContain('"start_time_unix_nano":1749996461282772000');
    expect(json).toContain('"end_time_unix_nano":1749996461365717000');
    const parsed = JSON.parse(json) as { spans: Array<Record<string, any>> };
    const [r, c] = parsed.spans;
    expect(atob(r!.trace_id).length).toBe(16);
    expect(r!.parent_span_id).toBeNull();
    expect(c!.parent_span_id).toBe(r!.span_id);
    expect(r!.status).toEqual({ code: "STATUS_CODE_OK", message: "" });
    expect(r!.attributes["mlflow.traceRequestId"]).toBe(JSON.stringify(t!.traceId));
    expect(r!.attributes["mlflow.spanType"]).toBe('"CHAIN"');
    expect(r!.attributes["mlflow.spanInputs"]).toBe('{"q":"hi"}');
    expect(r!.attributes["mlflow.spanOutputs"]).toBe('"bye"');
    expect(c!.attributes["mlflow.spanType"]).toBe('"UNKNOWN"');
    expect(c!.attributes["mlflow.llm.model"]).toBe('"gpt-4o"');
    expect(c!.attributes.count).toBe("3");
    expect(c!.attributes.obj).toBe('{"a":1}');
    expect(c!.events[0].name).toBe("first_token");
    expect(c!.events[0].attributes).toEqual({ n: 1 });
  });
});
