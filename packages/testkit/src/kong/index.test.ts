import { describe, expect, it } from "vitest";
import * as kongKit from "./index";

describe("public API", () => {
  it("exports the stand-in, the upstream and their helpers", () => {
    expect(Object.keys(kongKit).sort()).toEqual(
      [
        "AI_PROXY_MESSAGES",
        "CHUNK_DELAY_HEADER",
        "FAULT_AFTER_CHUNKS_HEADER",
        "FAULT_SCENARIOS",
        "KONG_504_TIMEOUT_MS",
        "KONG_MESSAGES",
        "KONG_SSE_TRANSFORMER_ERROR",
        "KONG_STANDIN_DEFAULTS",
        "SCENARIO_HEADER",
        "TOOL_ARGUMENT_SLICE",
        "fakeEmbedding",
        "isFaultScenario",
        "rawHttpRequest",
        "sseDataPayloads",
        "sseJsonPayloads",
        "startFakeOpenAIUpstream",
        "startKongStandin",
        "toDatedModel",
      ].sort(),
    );
  });

  it("starts and stops a stand-in whose URLs are on 127.0.0.1", async () => {
    const kong = await kongKit.startKongStandin({ routePath: "/openai" });
    try {
      expect(kong.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(kong.baseURL).toBe(`${kong.url}/openai`);
      expect(kong.upstreamUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(kong.upstreamUrl).not.toBe(kong.url);
    } finally {
      await kong.close();
    }
    await expect(fetch(kong.url)).rejects.toThrow();
  });
});
