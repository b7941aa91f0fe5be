import { HeaderList } from "./header-list";
import type { RateLimitConfig } from "./kong-standin-config";

/** What a rate-limit check decided, and the headers it adds to the response. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Headers for the response (limit/remaining/reset; on a 429 also Retry-After). */
  headers: HeaderList;
  /** Seconds until the window resets (>= 1). */
  resetSeconds: number;
  /** The 429 message when not allowed. */
  message: string;
}

const STANDARD_PERIOD: Readonly<Record<number, string>> = { 1: "Second", 60: "Minute", 3600: "Hour", 86400: "Day" };

/** ai-rate-limiting-advanced window label: `minute` for 60 s, `hour` for 3600 s, else the seconds. */
export function aiWindowLabel(windowSeconds: number): string {
  if (windowSeconds === 60) return "minute";
  if (windowSeconds === 3600) return "hour";
  return String(windowSeconds);
}

/**
 * A fixed-window request counter with Kong's headers. Windows are aligned to
 * the epoch (like rate-limiting's period timestamps). Rejected requests are
 * not counted.
 *
 * Standard family (rate-limiting): `X-RateLimit-Limit-<Period>`,
 * `X-RateLimit-Remaining-<Period>`, `RateLimit-Limit`, `RateLimit-Remaining`,
 * `RateLimit-Reset`, plus `Retry-After` on 429 with message
 * `API rate limit exceeded`.
 *
 * AI family (ai-rate-limiting-advanced): `X-AI-RateLimit-Limit-<window>-<provider>`,
 * `X-AI-RateLimit-Remaining-<window>-<provider>`, the `RateLimit-*` trio, and
 * on 429 `X-AI-RateLimit-Reset`, `X-AI-RateLimit-Retry-After`, their per-window
 * forms and `Retry-After`, with message
 * `AI token rate limit exceeded for provider(s): <provider>`.
 */
export class RateLimiter {
  readonly #counts = new Map<string, { windowStart: number; count: number }>();

  constructor(
    readonly config: RateLimitConfig,
    readonly provider: string,
  ) {}

  /** Counts one request of `identity` at `nowMs` and returns the decision. */
  hit(identity: string, nowMs: number): RateLimitDecision {
    const { limit, windowSeconds } = this.config;
    const windowMs = windowSeconds * 1000;
    const windowStart = Math.floor(nowMs / windowMs) * windowMs;
    let entry = this.#counts.get(identity);
    if (!entry || entry.windowStart !== windowStart) {
      entry = { windowStart, count: 0 };
      this.#counts.set(identity, entry);
    }
    const allowed = entry.count < limit;
    if (allowed) entry.count++;
    const remaining = allowed ? limit - entry.count : 0;
    const resetSeconds = Math.max(1, windowSeconds - Math.floor((nowMs - windowStart) / 1000));

    const headers = new HeaderList();
    const show = !this.config.hideClientHeaders;
    if (this.config.ai) {
      const suffix = `${aiWindowLabel(windowSeconds)}-${this.provider}`;
      if (show) {
        headers.set(`X-AI-RateLimit-Limit-${suffix}`, limit);
        headers.set(`X-AI-RateLimit-Remaining-${suffix}`, remaining);
      }
      if (!allowed) {
        headers.set("X-AI-RateLimit-Reset", resetSeconds).set("X-AI-RateLimit-Retry-After", resetSeconds);
        headers.set(`X-AI-RateLimit-Reset-${suffix}`, resetSeconds);
        headers.set(`X-AI-RateLimit-Retry-After-${suffix}`, resetSeconds);
      }
    } else if (show) {
      const period = STANDARD_PERIOD[windowSeconds] ?? String(windowSeconds);
      headers.set(`X-RateLimit-Limit-${period}`, limit);
      headers.set(`X-RateLimit-Remaining-${period}`, remaining);
    }
    if (show) {
      headers.set("RateLimit-Limit", limit).set("RateLimit-Remaining", remaining).set("RateLimit-Reset", resetSeconds);
    }
    if (!allowed) headers.set("Retry-After", resetSeconds);

    const message = this.config.ai
      ? `AI token rate limit exceeded for provider(s): ${this.provider}`
      : "API rate limit exceeded";
    return { allowed, headers, resetSeconds, message };
  }

  /** Forgets every count. */
  clear(): void {
    this.#counts.clear();
  }
}
