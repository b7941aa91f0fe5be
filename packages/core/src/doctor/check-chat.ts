import { errorSourceAttributes } from "../gateway/error-source";
import { GatewayAttributeKey } from "../gateway/signal-keys";
import { type Outcome, fail, pass } from "./check-outcome";
import { settingName } from "./doctor-context";
import { type GatewayContext, chatUrl, sdkHeaders } from "./gateway-context";
import { bodyMessage, probe } from "./http-probe";

/**
 * One small chat call through the gateway with the default model (or the
 * route's own model when none is set): proves the provider credentials and
 * the model work end to end.
 */
export async function checkChat(ctx: GatewayContext): Promise<Outcome> {
  const model = ctx.gateway.model;
  const modelSetting = settingName("model", ctx.given.model !== undefined, ctx.labels);
  const body = { ...(model ? { model } : {}), messages: [{ role: "user", content: "Reply with one word: pong" }] };
  const answer = await probe(ctx.fetch, chatUrl(ctx), { method: "POST", headers: sdkHeaders(ctx), body: JSON.stringify(body) }, Math.max(ctx.timeoutMs, 30_000));
  if (!answer.ok) return fail(`the chat call got no answer: ${answer.error}`);
  const served = answer.headers.get("x-kong-llm-model");
  if (answer.status === 200) {
    let replyModel = "";
    try {
      replyModel = (JSON.parse(answer.text) as { model?: string }).model ?? "";
    } catch {
      return fail(`the chat call answered HTTP 200 with a body that is not JSON: "${bodyMessage(answer.text)}"`);
    }
    const via = served ? `X-Kong-LLM-Model: ${served}` : "no X-Kong-LLM-Model header";
    return pass(`${replyModel || model || "the route's model"} answered through Kong in ${answer.ms} ms (${via})`, { model: replyModel, servedBy: served ?? "", ms: answer.ms });
  }
  const proxied = answer.headers.get("x-kong-upstream-latency") !== null || /kong\//i.test(answer.headers.get("via") ?? "");
  const source = String(errorSourceAttributes(answer.text, proxied)[GatewayAttributeKey.ERROR_SOURCE] ?? "the gateway");
  const message = bodyMessage(answer.text);
  const summary = `the chat call${model ? ` with model ${model}` : ""} failed: HTTP ${answer.status} from ${source === "upstream" ? "the provider" : source}: "${message}"`;
  if (source === "upstream" && (answer.status === 401 || answer.status === 403)) {
    return fail(summary, "The provider refused the credentials: set OPENAI_API_KEY (passed through as Authorization: Bearer), or configure the provider key in Kong's ai-proxy auth.");
  }
  if (/model/i.test(message)) {
    return fail(summary, `Set ${modelSetting} (or --model) to a model this route serves${model ? "" : "; none was set, so the call relied on the route's own model"}.`);
  }
  return fail(summary, source === "upstream" ? "The provider refused the call; its message says why." : "Kong refused the call; its message says why.");
}
