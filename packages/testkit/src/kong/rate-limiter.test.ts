import { describe, expect, it } from "vitest";
import { RateLimiter, aiWindowLabel } from "./rate-limiter";

const MINUTE_START = Date.UTC(2025, 0, 1, 12, 0, 0);

describe("RateLimiter (rate-limiting headers)", () => {
  it("counts per window and identity, then refuses with Retry-After", () => {
    const rl = new RateLimiter({ limit: 2, windowSeconds: 60 }, "openai");
    const first = rl.hit("a", MINUTE_START + 10_000);
    expect(first.allowed).toBe(true);
    expect(first.headers.entries()).toEqual([
      ["X-RateLimit-Limit-Minute", "2"],
      ["X-RateLimit-Remaining-Minute", "1"],
      ["RateLimit-Limit", "2"],
      ["RateLimit-Remaining", "1"],
      ["RateLimit-Reset", "50"],
    ]);
    expect(rl.hit("a", MINUTE_START + 10_500).headers.get("RateLimit-Remaining")).toBe("0");
    const third = rl.hit("a", MINUTE_START + 59_999);
    expect(third.allowed).toBe(false);
    expect(third.message).toBe("API rate limit exceeded");
    expect(third.headers.get("Retry-After")).toBe("1");
    expect(third.headers.get("X-RateLimit-Remaining-Minute")).toBe("0");
    expect(rl.hit("b", MINUTE_START + 59_999).allowed).toBe(true);
    expect(rl.hit("a", MINUTE_START + 60_000).allowed).toBe(true);
  });

  it("names the period after the window", () => {
    const rl = new RateLimiter({ limit: 5, windowSeconds: 1 }, "openai");
    expect(rl.hit("a", 0).headers.get("X-RateLimit-Limit-Second")).toBe("5");
    expect(new RateLimiter({ limit: 5, windowSeconds: 3600 }, "openai").hit("a", 0).headers.has("X-RateLimit-Limit-Hour")).toBe(true);
  });

  it("hides limit/remaining headers but keeps Retry-After with hideClientHeaders", () => {
    const rl = new RateLimiter({ limit: 0, windowSeconds: 60, hideClientHeaders: true }, "openai");
    const d = rl.hit("a", MINUTE_START);
    expect(d.allowed).toBe(false);
    expect(d.headers.entries()).toEqual([["Retry-After", "60"]]);
  });
});

describe("RateLimiter (ai-rate-limiting-advanced headers)", () => {
  it("labels windows minute/hour/seconds", () => {
    expect([aiWindowLabel(60), aiWindowLabel(3600), aiWindowLabel(30)]).toEqual(["minute", "hour", "30"]);
  });

  it("sends X-AI-RateLimit-* per window and provider, and reset/retry headers on 429", () => {
    const rl = new RateLimiter({ limit: 1, windowSeconds: 30, ai: true }, "azure");
    const ok = rl.hit("a", 0);
    expect(ok.headers.entries()).toEqual([
      ["X-AI-RateLimit-Limit-30-azure", "1"],
      ["X-AI-RateLimit-Remaining-30-azure", "0"],
      ["RateLimit-Limit", "1"],
      ["RateLimit-Remaining", "0"],
      ["RateLimit-Reset", "30"],
    ]);
    const refused = rl.hit("a", 9_000);
    expect(refused.allowed).toBe(false);
    expect(refused.message).toBe("AI token rate limit exceeded for provider(s): azure");
    for (const name of [
      "X-AI-RateLimit-Reset",
      "X-AI-RateLimit-Retry-After",
      "X-AI-RateLimit-Reset-30-azure",
      "X-AI-RateLimit-Retry-After-30-azure",
      "Retry-After",
    ]) {
      expect(refused.headers.get(name), name).toBe("21");
    }
  });
});
