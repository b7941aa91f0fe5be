import { describe, expect, it } from "vitest";
import { KONG_STANDIN_DEFAULTS, mergeKongStandinConfig } from "./kong-standin-config";

describe("mergeKongStandinConfig", () => {
  it("has the documented defaults", () => {
    expect(KONG_STANDIN_DEFAULTS).toEqual({
      routePath: "/v1",
      version: "3.10.0",
      provider: "openai",
      routeType: "auto",
      modelNameHeader: true,
      sseDoneWithoutTrailingNewline: true,
      maxRequestBodySize: 1048576,
      upstreamTimeoutMs: 60000,
      slowStreamDelayMs: 100,
      faultAfterChunks: 2,
    });
  });

  it("sets, and resets keys patched to undefined", () => {
    const on = mergeKongStandinConfig({ ...KONG_STANDIN_DEFAULTS }, { modelName: "gpt-4o", version: "3.9.0" });
    expect(on).toMatchObject({ modelName: "gpt-4o", version: "3.9.0" });
    const off = mergeKongStandinConfig(on, { modelName: undefined, version: undefined });
    expect("modelName" in off).toBe(false);
    expect(off.version).toBe("3.10.0");
  });

  it("rejects impossible settings", () => {
    const base = { ...KONG_STANDIN_DEFAULTS };
    expect(() => mergeKongStandinConfig(base, { routePath: "v1" })).toThrow(TypeError);
    expect(() => mergeKongStandinConfig(base, { fault: "boom" as never })).toThrow(TypeError);
    expect(() => mergeKongStandinConfig(base, { rateLimit: { limit: 1, windowSeconds: 30 } })).toThrow(RangeError);
    expect(mergeKongStandinConfig(base, { rateLimit: { limit: 1, windowSeconds: 30, ai: true } }).rateLimit?.windowSeconds).toBe(30);
  });
});
