import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpan } from "../api/start-span";
import { captureTraces } from "../testing/capture-traces";
import { traceDataJson } from "./span-json";
import { buildTraceInfo } from "./trace-info";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

describe("buildTraceInfo", () => {
  it("fills state, duration, previews, token usage (not double counted), name tag and size stats", async () => {
    const root = startSpan({ name: "turn", inputs: { messages: [{ role: "user", content: "hello" }] }, startTimeNs: 1_700_000_000_000_000_000n });
    const llm = startSpan({ name: "llm", parent: root, attributes: { "mlflow.chat.tokenUsage": { input_tokens: 10, output_tokens: 5, total_tokens: 15 } } });
    // a child of a span that already reported usage is not counted again
    startSpan({ name: "inner", parent: llm, attributes: { "mlflow.chat.tokenUsage": { input_tokens: 100, output_tokens: 100, total_tokens: 200 } } }).end();
    llm.end();
    startSpan({ name: "llm2", parent: root, attributes: { "mlflow.chat.tokenUsage": { input_tokens: 1, output_tokens: 2, total_tokens: 3 } } }).end();
    root.setStatus("ERROR", "bad");
    root.end({ outputs: { choices: [{ message: { role: "assistant", content: "hi there" } }] }, endTimeNs: 1_700_000_001_500_000_000n });
    const [t] = await capture.flush();
    const { json, spanTexts } = traceDataJson(t!.spans, t!.otelTraceId);
    const info = buildTraceInfo(t!, "7", json, spanTexts);
    expect(info.trace_id).toBe(t!.traceId);
    expect(info.state).toBe("ERROR");
    expect(info.trace_location).toEqual({ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: "7" } });
    expect(info.request_time).toBe("2023-11-14T22:13:20.000Z");
    expect(Number.parseFloat(info.execution_duration)).toBeGreaterThanOrEqual(1.5);
    expect(info.request_preview).toBe("hello");
    expect(info.response_preview).toBe("hi there");
    expect(info.tags["mlflow.traceName"]).toBe("turn");
    expect(JSON.parse(info.trace_metadata["mlflow.trace.tokenUsage"]!)).toEqual({ input_tokens: 11, output_tokens: 7, total_tokens: 18 });
    expect(info.trace_metadata["mlflow.trace_schema.version"]).toBe("3");
    const stats = JSON.parse(info.trace_metadata["mlflow.trace.sizeStats"]!);
    expect(stats.num_spans).toBe(4);
    expect(stats.total_size_bytes).toBe(new TextEncoder().encode(json).length);
    expect(stats.max).toBeGreaterThanOrEqual(stats.p75);
  });
});
