import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { rawHttpRequest } from "./raw-http-request";
import { startKongStandin, type KongStandin } from "./start-kong-standin";

let kong: KongStandin;
beforeAll(async () => {
  kong = await startKongStandin();
});
afterAll(() => kong.close());
beforeEach(() => kong.reset());

const HEX32 = /^[0-9a-f]{32}$/;
const chat = (content = "hello") => ({ model: "gpt-4o", messages: [{ role: "user", content }] });

function post(path: string, body: unknown, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(kong.url + path, {
    method: "POST",
    headers: { "content-type": "application/json", authorization: "Bearer sk-test", ...headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
}

function kongBody(message: string, res: Response): string {
  return `{\n  "message":"${message}",\n  "request_id":"${res.headers.get("x-kong-request-id")}"\n}`;
}

describe("key-auth (spec §2.1, §3, §7)", () => {
  beforeEach(() => kong.configure({ keyAuth: { keys: ["key-1", { key: "key-2", username: "alice" }] } }));

  async function expect401(res: Response, message: string, wwwAuthenticate = "Key"): Promise<void> {
    expect(res.status).toBe(401);
    expect(res.headers.get("www-authenticate")).toBe(wwwAuthenticate);
    expect(res.headers.get("server")).toBe("kong/3.10.0");
    expect(res.headers.get("x-kong-response-latency")).toMatch(/^\d+$/);
    expect(res.headers.get("x-kong-request-id")).toMatch(HEX32);
    expect(res.headers.get("via")).toBeNull();
    expect(res.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(await res.text()).toBe(kongBody(message, res));
  }

  it("answers 401 without a key; a Bearer token is not a key", async () => {
    await expect401(await post("/v1/chat/completions", chat()), "No API key found in request");
    await expect401(await post("/v1/chat/completions", chat(), { apikey: "" }), "No API key found in request");
    expect(kong.upstreamRequests).toHaveLength(0);
  });

  it("answers 401 Unauthorized for an unknown key", async () => {
    await expect401(await post("/v1/chat/completions", chat(), { apikey: "wrong" }), "Unauthorized");
  });

  it("answers 401 for a key given twice", async () => {
    const res = await rawHttpRequest(`${kong.baseURL}/chat/completions`, {
      rawHeaders: ["Content-Type", "application/json", "apikey", "key-1", "apikey", "key-1"],
      body: JSON.stringify(chat()),
    });
    expect(res.status).toBe(401);
    expect(res.headers["www-authenticate"]).toBe("Key");
    expect(res.body.toString()).toBe(
      `{\n  "message":"Duplicate API key found",\n  "request_id":"${res.headers["x-kong-request-id"]}"\n}`,
    );
  });

  it("uses the realm in WWW-Authenticate", async () => {
    kong.configure({ keyAuth: { keys: ["key-1"], realm: "kong" } });
    await expect401(await post("/v1/chat/completions", chat()), "No API key found in request", 'Key realm="kong"');
  });

  it("accepts a valid key from the header (any case) or the query and identifies the consumer upstream", async () => {
    expect((await post("/v1/chat/completions", chat(), { APIKEY: "key-1" })).status).toBe(200);
    expect((await post("/v1/chat/completions?apikey=key-2", chat())).status).toBe(200);
    const [first, second] = kong.upstreamRequests;
    expect(first!.headers["x-consumer-username"]).toBe("consumer-1");
    expect(second!.headers["x-consumer-username"]).toBe("alice");
    expect(first!.headers["x-consumer-id"]).toMatch(/^[0-9a-f-]{36}$/);
    expect(first!.headers["x-credential-identifier"]).toMatch(/^[0-9a-f-]{36}$/);
    // Kong forwards the key unless hide_credentials; Authorization passes through.
    expect(first!.headers.apikey).toBe("key-1");
    expect(first!.headers.authorization).toBe("Bearer sk-test");
    expect(second!.path).toBe("/v1/chat/completions?apikey=key-2");
  });

  it("strips the key before proxying with hideCredentials", async () => {
    kong.configure({ keyAuth: { keys: ["key-1"], hideCredentials: true } });
    await post("/v1/chat/completions?apikey=key-1&x=1", chat());
    await post("/v1/chat/completions", chat(), { apikey: "key-1" });
    expect(kong.upstreamRequests[0]!.path).toBe("/v1/chat/completions?x=1");
    expect(kong.upstreamRequests[1]!.headers.apikey).toBeUndefined();
    expect(kong.upstreamRequests[1]!.headers["x-consumer-username"]).toBe("consumer-1");
  });

  it("looks for custom key names", async () => {
    kong.configure({ keyAuth: { keys: ["key-1"], headerNames: ["x-api-key"] } });
    expect((await post("/v1/chat/completions", chat(), { apikey: "key-1" })).status).toBe(401);
    expect((await post("/v1/chat/completions", chat(), { "X-API-Key": "key-1" })).status).toBe(200);
  });
});

describe("rate-limiting (spec §1.5, §2.1)", () => {
  // Day/hour windows keep these tests clear of window boundaries; minutes are unit-tested.
  it("sends X-RateLimit-* and RateLimit-* on every response, then 429 with Retry-After", async () => {
    kong.configure({ rateLimit: { limit: 2, windowSeconds: 86400 } });
    const first = await post("/v1/chat/completions", chat());
    expect(first.headers.get("x-ratelimit-limit-day")).toBe("2");
    expect(first.headers.get("x-ratelimit-remaining-day")).toBe("1");
    expect(first.headers.get("ratelimit-limit")).toBe("2");
    expect(first.headers.get("ratelimit-remaining")).toBe("1");
    expect(Number(first.headers.get("ratelimit-reset"))).toBeGreaterThanOrEqual(1);
    expect(Number(first.headers.get("ratelimit-reset"))).toBeLessThanOrEqual(86400);
    // An ai-proxy 400 still counts and carries the headers (rate-limiting runs first).
    const rejected = await post("/v1/chat/completions", "nope");
    expect(rejected.status).toBe(400);
    expect(rejected.headers.get("x-ratelimit-remaining-day")).toBe("0");
    const limited = await post("/v1/chat/completions", chat());
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe(limited.headers.get("ratelimit-reset"));
    expect(limited.headers.get("x-ratelimit-remaining-day")).toBe("0");
    expect(limited.headers.get("x-kong-response-latency")).toMatch(/^\d+$/);
    expect(limited.headers.get("via")).toBeNull();
    expect(await limited.text()).toBe(kongBody("API rate limit exceeded", limited));
    expect(kong.upstreamRequests).toHaveLength(1);
  });

  it("counts per consumer after key-auth, and not on key-auth failures", async () => {
    kong.configure({ keyAuth: { keys: ["a", "b"] }, rateLimit: { limit: 1, windowSeconds: 3600 } });
    const unauth = await post("/v1/chat/completions", chat());
    expect(unauth.status).toBe(401);
    expect(unauth.headers.get("x-ratelimit-limit-hour")).toBeNull();
    expect((await post("/v1/chat/completions", chat(), { apikey: "a" })).status).toBe(200);
    expect((await post("/v1/chat/completions", chat(), { apikey: "b" })).status).toBe(200);
    expect((await post("/v1/chat/completions", chat(), { apikey: "a" })).status).toBe(429);
  });

  it("sends the X-AI-RateLimit-* family with ai: true", async () => {
    kong.configure({ rateLimit: { limit: 1, windowSeconds: 3600, ai: true } });
    const ok = await post("/v1/chat/completions", chat());
    expect(ok.headers.get("x-ai-ratelimit-limit-hour-openai")).toBe("1");
    expect(ok.headers.get("x-ai-ratelimit-remaining-hour-openai")).toBe("0");
    expect(ok.headers.get("x-ratelimit-limit-hour")).toBeNull();
    const limited = await post("/v1/chat/completions", chat());
    expect(limited.status).toBe(429);
    const reset = limited.headers.get("retry-after");
    expect(reset).toMatch(/^\d+$/);
    for (const name of ["x-ai-ratelimit-reset", "x-ai-ratelimit-retry-after", "x-ai-ratelimit-retry-after-hour-openai"]) {
      expect(limited.headers.get(name), name).toBe(reset);
    }
    expect(await limited.text()).toBe(kongBody("AI token rate limit exceeded for provider(s): openai", limited));
  });

  it("refuses windows the rate-limiting plugin does not have, and resets counts on reconfigure", async () => {
    expect(() => kong.configure({ rateLimit: { limit: 1, windowSeconds: 30 } })).toThrow(RangeError);
    kong.configure({ rateLimit: { limit: 1, windowSeconds: 86400 } });
    await post("/v1/chat/completions", chat());
    expect((await post("/v1/chat/completions", chat())).status).toBe(429);
    kong.configure({ rateLimit: { limit: 1, windowSeconds: 86400 } });
    expect((await post("/v1/chat/completions", chat())).status).toBe(200);
    kong.configure({ rateLimit: undefined });
    const off = await post("/v1/chat/completions", chat());
    expect(off.headers.get("ratelimit-limit")).toBeNull();
  });
});

describe("ai-semantic-cache (spec §1.3)", () => {
  beforeEach(() => kong.configure({ cache: {} }));

  it("misses first, then serves an identical request from cache without calling upstream", async () => {
    const miss = await post("/v1/chat/completions", chat("cache me"));
    const missText = await miss.text();
    expect(miss.headers.get("x-cache-status")).toBe("Miss");
    expect(miss.headers.get("x-cache-key")).toMatch(/^[0-9a-f]{64}$/);
    expect(miss.headers.get("x-cache-ttl")).toBe("300");
    expect(miss.headers.get("x-kong-upstream-latency")).toMatch(/^\d+$/);
    expect(miss.headers.get("x-kong-llm-model")).toBe("openai/gpt-4o");

    const hit = await post("/v1/chat/completions", chat("cache me"));
    expect(hit.status).toBe(200);
    expect(await hit.text()).toBe(missText);
    expect(hit.headers.get("x-cache-status")).toBe("Hit");
    expect(hit.headers.get("x-cache-key")).toBe(miss.headers.get("x-cache-key"));
    expect(hit.headers.get("age")).toBe("0");
    expect(hit.headers.get("x-kong-proxy-latency")).toMatch(/^\d+$/);
    for (const absent of ["x-kong-upstream-latency", "via", "x-kong-llm-model"]) {
      expect(hit.headers.get(absent), absent).toBeNull();
    }
    expect(hit.headers.get("x-kong-request-id")).not.toBe(miss.headers.get("x-kong-request-id"));
    expect(kong.upstreamRequests).toHaveLength(1);
  });

  it("misses on a different body, bypasses streams, and never caches errors", async () => {
    await (await post("/v1/chat/completions", chat("one"))).text();
    expect((await post("/v1/chat/completions", chat("two"))).headers.get("x-cache-status")).toBe("Miss");
    const stream = await post("/v1/chat/completions", { ...chat("one"), stream: true });
    await stream.text();
    expect(stream.headers.get("x-cache-status")).toBe("Bypass");
    const failed = await post("/v1/chat/completions", chat("three"), { "x-standin-scenario": "upstream-429" });
    expect(failed.status).toBe(429);
    expect(failed.headers.get("x-cache-status")).toBe("Miss");
    expect((await post("/v1/chat/completions", chat("three"))).headers.get("x-cache-status")).toBe("Miss");
    expect(kong.upstreamRequests).toHaveLength(5);
  });

  it("honours ttlSeconds and expires entries", async () => {
    kong.configure({ cache: { ttlSeconds: 1 } });
    await (await post("/v1/chat/completions", chat("ttl"))).text();
    const hit = await post("/v1/chat/completions", chat("ttl"));
    expect(hit.headers.get("x-cache-status")).toBe("Hit");
    expect(hit.headers.get("x-cache-ttl")).toBe("1");
    await new Promise((r) => setTimeout(r, 1100));
    expect((await post("/v1/chat/completions", chat("ttl"))).headers.get("x-cache-status")).toBe("Miss");
  });
});
