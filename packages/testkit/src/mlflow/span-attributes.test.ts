import { describe, expect, it } from "vitest";
import { decodeAttributeValue, decodeSpanAttributes } from "./span-attributes";
import { base64IdToHex, hexIdToBase64, otelTraceIdHex } from "./span-ids";

describe("decodeSpanAttributes", () => {
  it("JSON-decodes MLflow's encoded values and falls back to raw strings", () => {
    expect(
      decodeSpanAttributes({
        "mlflow.spanType": '"LLM"',
        "mlflow.spanInputs": '{"x": 1}',
        "mlflow.spanOutputs": "2",
        "raw.plain": "not json encoded",
        "raw.broken": "{not json",
        big: "1749996461282772491",
        already: 3,
      }),
    ).toEqual({
      "mlflow.spanType": "LLM",
      "mlflow.spanInputs": { x: 1 },
      "mlflow.spanOutputs": 2,
      "raw.plain": "not json encoded",
      "raw.broken": "{not json",
      big: 1749996461282772491n,
      already: 3,
    });
    expect(decodeAttributeValue(null)).toBeNull();
    expect(decodeSpanAttributes(undefined)).toEqual({});
  });
});

describe("span ids", () => {
  it("converts between hex and base64", () => {
    expect(hexIdToBase64("00f067aa0ba902b7")).toBe("APBnqgupArc=");
    expect(base64IdToHex("APBnqgupArc=")).toBe("00f067aa0ba902b7");
    expect(base64IdToHex(null)).toBe("");
    expect(otelTraceIdHex("tr-0AF7651916CD43DD8448EB211C80319C")).toBe("0af7651916cd43dd8448eb211c80319c");
    expect(() => otelTraceIdHex("abc")).toThrow(TypeError);
    expect(() => hexIdToBase64("xyz")).toThrow(TypeError);
  });
});
