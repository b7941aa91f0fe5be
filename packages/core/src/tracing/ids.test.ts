import { describe, expect, it } from "vitest";
import { hexToBase64 } from "./hex-to-base64";
import { newOtelTraceId, newSpanId } from "./ids";
import { RECORD_ALL } from "./recording-policy";
import { TraceState } from "./trace-state";

describe("ids", () => {
  it("makes 32-hex trace ids and 16-hex span ids, all different", () => {
    const traces = new Set(Array.from({ length: 1000 }, newOtelTraceId));
    const spans = new Set(Array.from({ length: 1000 }, newSpanId));
    expect(traces.size).toBe(1000);
    expect(spans.size).toBe(1000);
    for (const id of traces) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spans) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it("makes the MLflow trace id from the OpenTelemetry one", () => {
    const state = new TraceState("0af7651916cd43dd8448eb211c80319c", RECORD_ALL);
    expect(state.traceId).toBe("tr-0af7651916cd43dd8448eb211c80319c");
    expect(state.otelTraceId).toBe("0af7651916cd43dd8448eb211c80319c");
  });

  it("base64-encodes the raw bytes of a hex id", () => {
    expect(hexToBase64("0ce0f6aa367a66b5")).toBe("DOD2qjZ6ZrU=");
    expect(hexToBase64("ad9a3d0c8c2cfba776b5e8c80970f883")).toBe("rZo9DIws+6d2tejICXD4gw==");
  });
});
