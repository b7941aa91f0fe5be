import { describe, expect, it } from "vitest";
import { prepareAiProxyRequest, type AiProxyResult } from "./ai-proxy-request";
import { KONG_STANDIN_DEFAULTS, type KongStandinConfig } from "./kong-standin-config";

function run(body: unknown, patch: Partial<KongStandinConfig> = {}, extra: { contentType?: string; pathname?: string } = {}): AiProxyResult {
  return prepareAiProxyRequest({
    body: Buffer.from(typeof body === "string" ? body : JSON.stringify(body)),
    contentType: extra.contentType,
    pathname: extra.pathname ?? "/v1/chat/completions",
    config: { ...KONG_STANDIN_DEFAULTS, ...patch },
  });
}
const chat = { model: "gpt-4o", messages: [{ role: "user", content: "hi" }] };
const BAD_JSON = "content-type header does not match request body, or bad JSON formatting";

describe("prepareAiProxyRequest", () => {
  it("rejects bodies that are not JSON, not declared JSON, or too large", () => {
    expect(run("{nope")).toEqual({ ok: false, status: 400, message: BAD_JSON });
    expect(run("")).toEqual({ ok: false, status: 400, message: BAD_JSON });
    expect(run(chat, {}, { contentType: "text/plain" })).toEqual({ ok: false, status: 400, message: BAD_JSON });
    expect(run(chat, { maxRequestBodySize: 10 })).toEqual({ ok: false, status: 400, message: BAD_JSON });
    expect(run(chat, {}, { contentType: "application/json; charset=utf-8" }).ok).toBe(true);
  });

  it("requires prompts on chat and completions routes", () => {
    const noPrompt = { ok: false, status: 400, message: "request body doesn't contain valid prompts" };
    expect(run({ model: "gpt-4o" })).toEqual(noPrompt);
    expect(run({ model: "gpt-4o", messages: [] })).toEqual(noPrompt);
    expect(run([1, 2])).toEqual(noPrompt);
    expect(run({ model: "m", input: "x" }, {}, { pathname: "/v1/embeddings" }).ok).toBe(true);
  });

  it("enforces the configured model name, accepting absent or empty body models", () => {
    expect(run({ ...chat, model: "gpt-4o-mini" }, { modelName: "gpt-4o" })).toEqual({
      ok: false,
      status: 400,
      message: "cannot use own model - must be: gpt-4o",
    });
    for (const model of [undefined, "", "gpt-4o"]) {
      const r = run({ ...chat, model }, { modelName: "gpt-4o" });
      if (!r.ok) throw new Error(r.message);
      expect(r.plan.model).toBe("gpt-4o");
      expect(JSON.parse(r.plan.upstreamBody.toString()).model).toBe("gpt-4o");
    }
  });

  it("needs a model from somewhere", () => {
    expect(run({ messages: chat.messages })).toEqual({
      ok: false,
      status: 400,
      message: "model parameter not found in request, nor in gateway configuration",
    });
  });

  it("checks the request shape against the route type", () => {
    expect(run({ model: "m", prompt: "hi" })).toEqual({
      ok: false,
      status: 400,
      message: "[llm/v1/completions] message format is not compatible with [llm/v1/chat] route type",
    });
    expect(run(chat, {}, { pathname: "/v1/completions" })).toEqual({
      ok: false,
      status: 400,
      message: "[llm/v1/chat] message format is not compatible with [llm/v1/completions] route type",
    });
    expect(run({ ...chat, prompt: "x" })).toEqual({ ok: false, status: 400, message: "request matches multiple LLM request formats" });
  });

  it("resolves model aliases to their target", () => {
    const modelAlias = { fast: { provider: "openai", model: "gpt-4o-mini" } };
    const r = run({ ...chat, model: "fast" }, { modelAlias });
    if (!r.ok) throw new Error(r.message);
    expect(r.plan).toMatchObject({ provider: "openai", model: "gpt-4o-mini" });
    expect(JSON.parse(r.plan.upstreamBody.toString()).model).toBe("gpt-4o-mini");
    expect(run({ ...chat, model: "slow" }, { modelAlias })).toEqual({ ok: false, status: 400, message: "model not configured" });
  });

  it("re-encodes chat bodies with an explicit stream flag and no top_k", () => {
    const r = run({ ...chat, top_k: 3 });
    if (!r.ok) throw new Error(r.message);
    expect(JSON.parse(r.plan.upstreamBody.toString())).toEqual({ ...chat, stream: false });
    const s = run({ ...chat, stream: true });
    expect(s.ok && s.plan.stream).toBe(true);
  });

  it("maps paths to route types and operation paths", () => {
    const cases: Array<[string, unknown, string]> = [
      ["/v1/anything", chat, "/v1/chat/completions"],
      ["/v1/completions", { model: "m", prompt: "p" }, "/v1/completions"],
      ["/v1/embeddings", { model: "m", input: "p" }, "/v1/embeddings"],
      ["/v1/responses", { model: "m", input: "p" }, "/v1/responses"],
    ];
    for (const [pathname, body, upstreamPath] of cases) {
      const r = run(body, {}, { pathname });
      expect(r.ok && r.plan.upstreamPath, pathname).toBe(upstreamPath);
    }
    const fixed = run(chat, { routeType: "llm/v1/chat" }, { pathname: "/v1/embeddings" });
    expect(fixed.ok && fixed.plan.upstreamPath).toBe("/v1/chat/completions");
  });
});
