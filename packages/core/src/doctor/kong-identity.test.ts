import { describe, expect, it } from "vitest";
import { kongIdentity } from "./kong-identity";

describe("kongIdentity", () => {
  it("recognizes a proxied answer, a Kong short-circuit and the Admin API", () => {
    const proxied = kongIdentity(new Headers({ via: "1.1 kong/3.10.0", "x-kong-request-id": "ab", "x-kong-upstream-latency": "3", server: "cloudflare" }));
    expect(proxied).toEqual({ isKong: true, version: "3.10.0", evidence: ["X-Kong-Request-Id", "Via: 1.1 kong/3.10.0", "X-Kong-Upstream-Latency"], adminApi: false });
    const shortCircuit = kongIdentity({ Server: "kong/3.9.1", "X-Kong-Response-Latency": "0" });
    expect(shortCircuit).toMatchObject({ isKong: true, version: "3.9.1", adminApi: false });
    expect(kongIdentity({ "X-Kong-Admin-Latency": "1", Server: "kong/3.10.0" }).adminApi).toBe(true);
    expect(kongIdentity({ "X-Kong-Request-Id": "ab" })).toMatchObject({ isKong: true, version: undefined });
  });

  it("does not mistake other servers for Kong", () => {
    expect(kongIdentity(new Headers({ server: "nginx/1.25", via: "1.1 varnish", "x-request-id": "k" }))).toEqual({ isKong: false, version: undefined, evidence: [], adminApi: false });
    expect(kongIdentity({ server: "kongish/1.0" }).isKong).toBe(false);
  });
});
