import { describe, expect, it } from "vitest";
import { aiProxyErrorBody, kongErrorBody } from "./kong-error-response";

describe("kongErrorBody", () => {
  it("renders Kong's JSON template literally", () => {
    expect(kongErrorBody('say "hi"', "abc")).toEqual({
      contentType: "application/json; charset=utf-8",
      body: '{\n  "message":"say \\"hi\\"",\n  "request_id":"abc"\n}',
    });
  });

  it("follows Accept: text/plain, and JSON for */* or unknown types", () => {
    expect(kongErrorBody("Unauthorized", "abc", "text/plain")).toEqual({
      contentType: "text/plain; charset=utf-8",
      body: "Unauthorized\nrequest_id: abc\n",
    });
    expect(kongErrorBody("x", "y", "application/json, text/plain").contentType).toMatch(/^application\/json/);
    expect(kongErrorBody("x", "y", "text/plain;q=0.5, application/json").contentType).toMatch(/^application\/json/);
    expect(kongErrorBody("x", "y", "*/*").contentType).toMatch(/^application\/json/);
    expect(kongErrorBody("x", "y", "image/png").contentType).toMatch(/^application\/json/);
  });
});

describe("aiProxyErrorBody", () => {
  it("is compact OpenAI-shaped JSON", () => {
    expect(aiProxyErrorBody("bad")).toEqual({
      contentType: "application/json; charset=utf-8",
      body: '{"error":{"message":"bad"}}',
    });
  });
});
