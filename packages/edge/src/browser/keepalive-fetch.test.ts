import { describe, expect, it } from "vitest";
import { KEEPALIVE_LIMIT_BYTES, keepaliveBytesInFlight, keepaliveFetch } from "./keepalive-fetch";

function recorder() {
  const seen: Array<{ keepalive: boolean | undefined; size: number }> = [];
  const pending: Array<() => void> = [];
  const fetchImpl = ((_url: string, init?: RequestInit) => {
    seen.push({ keepalive: init?.keepalive, size: String(init?.body ?? "").length });
    return new Promise<Response>((resolve) => pending.push(() => resolve(new Response(null))));
  }) as typeof fetch;
  return { seen, release: () => pending.splice(0).forEach((r) => r()), fetchImpl };
}

describe("keepaliveFetch", () => {
  it("uses keepalive while the page's 64 KiB budget lasts, and plain requests beyond it", async () => {
    const r = recorder();
    const send = keepaliveFetch(r.fetchImpl);
    const half = "x".repeat(KEEPALIVE_LIMIT_BYTES / 2);
    const first = send("u", { method: "POST", body: half });
    const second = send("u", { method: "POST", body: half });
    const third = send("u", { method: "POST", body: "y" });
    expect(r.seen.map((s) => s.keepalive)).toEqual([true, true, undefined]);
    expect(keepaliveBytesInFlight()).toBe(KEEPALIVE_LIMIT_BYTES);
    r.release();
    await Promise.all([first, second, third]);
    expect(keepaliveBytesInFlight()).toBe(0);
    void send("u", { method: "POST", body: "z" });
    expect(r.seen.at(-1)!.keepalive).toBe(true);
    r.release();
  });

  it("gives the budget back when a request fails, and counts UTF-8 bytes", async () => {
    const failing = keepaliveFetch((() => Promise.reject(new TypeError("offline"))) as typeof fetch);
    await expect(failing("u", { method: "POST", body: "é".repeat(10) })).rejects.toThrow("offline");
    expect(keepaliveBytesInFlight()).toBe(0);
  });
});
