import { describe, expect, it } from "vitest";
import { ResponseCache, cacheKeyOf } from "./response-cache";

describe("ResponseCache", () => {
  it("keys on route type, path and body", () => {
    const body = Buffer.from("{}");
    expect(cacheKeyOf("llm/v1/chat", "/v1/chat/completions", body)).toMatch(/^[0-9a-f]{64}$/);
    expect(cacheKeyOf("llm/v1/chat", "/v1/chat/completions", body)).toBe(cacheKeyOf("llm/v1/chat", "/v1/chat/completions", Buffer.from("{}")));
    expect(cacheKeyOf("llm/v1/chat", "/v1/chat/completions", body)).not.toBe(cacheKeyOf("llm/v1/responses", "/v1/responses", body));
  });

  it("serves entries until their TTL runs out", () => {
    const cache = new ResponseCache();
    cache.store("k", Buffer.from("v"), "application/json", 1000, 2);
    expect(cache.lookup("k", 2999)?.body.toString()).toBe("v");
    expect(cache.lookup("k", 3000)).toBeUndefined();
    cache.store("k", Buffer.from("v"), "application/json", 0, 2);
    cache.clear();
    expect(cache.lookup("k", 1)).toBeUndefined();
  });
});
