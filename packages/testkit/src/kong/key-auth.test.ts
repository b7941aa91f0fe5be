import { describe, expect, it } from "vitest";
import { authenticateKey, wwwAuthenticate } from "./key-auth";

const config = { keys: ["k1", { key: "k2", username: "alice" }] };
const q = (s = "") => new URLSearchParams(s);

describe("authenticateKey", () => {
  it("finds the key in the header, else the query", () => {
    const viaHeader = authenticateKey({ apikey: ["k1"] }, q(), config);
    expect(viaHeader).toMatchObject({ ok: true, consumer: { username: "consumer-1" } });
    expect(authenticateKey({}, q("apikey=k2"), config)).toMatchObject({ ok: true, consumer: { username: "alice" } });
  });

  it("gives stable UUID-shaped consumer and credential ids", () => {
    const a = authenticateKey({ apikey: ["k2"] }, q(), config);
    const b = authenticateKey({ apikey: ["k2"] }, q(), config);
    expect(a).toEqual(b);
    if (!a.ok) throw new Error("expected ok");
    expect(a.consumer.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-a[0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(a.consumer.credentialId).not.toBe(a.consumer.id);
  });

  it("reports missing, empty, unknown and duplicate keys with Kong's messages", () => {
    expect(authenticateKey({}, q(), config)).toEqual({ ok: false, message: "No API key found in request" });
    expect(authenticateKey({ apikey: [""] }, q(), config)).toEqual({ ok: false, message: "No API key found in request" });
    expect(authenticateKey({ apikey: ["nope"] }, q(), config)).toEqual({ ok: false, message: "Unauthorized" });
    expect(authenticateKey({ apikey: ["k1", "k1"] }, q(), config)).toEqual({ ok: false, message: "Duplicate API key found" });
    expect(authenticateKey({}, q("apikey=k1&apikey=k2"), config)).toEqual({
      ok: false,
      message: "Duplicate API key found",
    });
  });

  it("honours custom key names in order", () => {
    const custom = { keys: ["k1"], headerNames: ["X-API-Key", "apikey"] };
    expect(authenticateKey({ "x-api-key": ["k1"] }, q(), custom).ok).toBe(true);
    expect(authenticateKey({ apikey: ["k1"] }, q(), custom).ok).toBe(true);
    expect(authenticateKey({ "x-api-key": ["bad"], apikey: ["k1"] }, q(), custom)).toEqual({
      ok: false,
      message: "Unauthorized",
    });
  });

  it("builds WWW-Authenticate with and without realm", () => {
    expect(wwwAuthenticate({ keys: [] })).toBe("Key");
    expect(wwwAuthenticate({ keys: [], realm: "kong" })).toBe('Key realm="kong"');
  });
});
