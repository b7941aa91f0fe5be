import { describe, expect, it } from "vitest";
import { newTraceId, traceIdFromTraceparent } from "./trace-id";

describe("traceIdFromTraceparent", () => {
  it("extracts the trace id of a valid traceparent", () => {
    expect(traceIdFromTraceparent("00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")).toBe(
      "4bf92f3577b34da6a3ce929d0e0e4736",
    );
  });

  it("rejects malformed and all-zero values", () => {
    for (const bad of [
      undefined,
      "",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7",
      "ff-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
      "00-00000000000000000000000000000000-00f067aa0ba902b7-01",
      "00-4bf92f3577b34da6a3ce929d0e0e4736-0000000000000000-01",
    ]) {
      expect(traceIdFromTraceparent(bad), String(bad)).toBeUndefined();
    }
  });

  it("makes fresh 32-hex trace ids", () => {
    expect(newTraceId()).toMatch(/^[0-9a-f]{32}$/);
    expect(newTraceId()).not.toBe(newTraceId());
  });
});
