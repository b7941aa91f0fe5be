import { afterEach, describe, expect, it, vi } from "vitest";
import { ConfigurationError } from "../errors";
import { GATEWAY_MANAGED_API_KEY, kongGateway } from "./kong-gateway";

afterEach(() => vi.unstubAllEnvs());

describe("kongGateway", () => {
  it("builds OpenAI client options from settings", () => {
    const g = kongGateway({ url: "http://localhost:8000/", routePath: "openai/", consumerKey: "ck", headers: { "x-team": "a" }, model: "gpt-4o" });
    expect(g.clientOptions).toEqual({ baseURL: "http://localhost:8000/openai", apiKey: GATEWAY_MANAGED_API_KEY, defaultHeaders: { "x-team": "a", apikey: "ck" } });
    expect(g.model).toBe("gpt-4o");
  });

  it("reads the environment, keeps a path in the URL, defaults the route to /v1", () => {
    vi.stubEnv("KONG_GATEWAY_URL", "https://kong.example:8443/llm");
    vi.stubEnv("KONG_API_KEY", "k");
    vi.stubEnv("KONG_API_KEY_HEADER", "x-api-key");
    vi.stubEnv("OPENAI_API_KEY", "sk-pass");
    expect(kongGateway().clientOptions).toEqual({ baseURL: "https://kong.example:8443/llm", apiKey: "sk-pass", defaultHeaders: { "x-api-key": "k" } });
    vi.unstubAllEnvs();
    expect(kongGateway({ url: "http://k:8000" }).clientOptions.baseURL).toBe("http://k:8000/v1");
  });

  it("names the setting at fault", () => {
    const fail = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        expect(e).toBeInstanceOf(ConfigurationError);
        return (e as ConfigurationError).message;
      }
      throw new Error("expected a throw");
    };
    expect(fail(() => kongGateway())).toMatch(/^url: .*KONG_GATEWAY_URL/);
    expect(fail(() => kongGateway({ url: "localhost:8000" }))).toMatch(/^url: .*http/);
    expect(fail(() => kongGateway({ url: "kong:8000" }))).toMatch(/^url:/);
    expect(fail(() => kongGateway({ url: "http://u:p@kong:8000" }))).toMatch(/credentials/);
    expect(fail(() => kongGateway({ url: "http://u:secret-pw@kong:8000/?q=1" }))).not.toMatch(/secret-pw/);
    expect(fail(() => kongGateway({ url: "http://k", routePath: "/a?b" }))).toMatch(/^routePath:/);
    expect(fail(() => kongGateway({ url: "http://k:8000/#top" }))).toMatch(/^url: .*fragment/);
    expect(fail(() => kongGateway({ url: "http://k", consumerKey: "ck", consumerKeyHeader: "bad header" }))).toMatch(/^consumerKeyHeader: "bad header"/);
    vi.stubEnv("KONG_GATEWAY_URL", "http://u:env-pw@kong:8000");
    expect(fail(() => kongGateway())).toMatch(/^KONG_GATEWAY_URL: (?!.*env-pw)/);
    vi.stubEnv("KONG_GATEWAY_URL", "ftp://x");
    expect(fail(() => kongGateway())).toMatch(/^KONG_GATEWAY_URL:/);
  });
});
