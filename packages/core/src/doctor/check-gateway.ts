import { type Outcome, fail, pass } from "./check-outcome";
import { settingName } from "./doctor-context";
import { type GatewayContext, chatUrl, consumerKey, sdkHeaders } from "./gateway-context";
import { type Probe, bodyMessage, probe } from "./http-probe";
import { kongIdentity } from "./kong-identity";

/**
 * Sends the cheapest request that still crosses key-auth: a chat call with
 * an empty body. Kong runs key-auth (and rate limits) before ai-proxy, and
 * ai-proxy then refuses the body without calling the provider, so the
 * answer tells who is there and whether the key works, at no token cost.
 */
export function probeGateway(ctx: GatewayContext): Promise<Probe> {
  return probe(ctx.fetch, chatUrl(ctx), { method: "POST", headers: sdkHeaders(ctx), body: "{}" }, ctx.timeoutMs);
}

/** The gateway URL answers, and its headers say Kong (its proxy, not its Admin API). */
export function gatewayIdentity(ctx: GatewayContext, answer: Probe): Outcome {
  const origin = ctx.gateway.origin;
  const setting = settingName("gatewayUrl", ctx.given.url !== undefined, ctx.labels);
  if (!answer.ok) {
    return fail(`cannot reach the gateway at ${origin} (${setting}): ${answer.error}`, `Check ${setting}: Kong's proxy listens on port 8000 (http) or 8443 (https) by default.`);
  }
  const identity = kongIdentity(answer.headers);
  if (!identity.isKong) {
    return fail(
      `${origin} (${setting}) answered HTTP ${answer.status} but does not look like Kong: no X-Kong-Request-Id, Via: kong/…, Server: kong/… or X-Kong-*-Latency header`,
      `Point ${setting} at Kong's proxy, not at the provider or another proxy. (A Kong configured with headers=off sends none of these headers; this check cannot recognize it.)`,
    );
  }
  if (identity.adminApi) {
    return fail(`${origin} (${setting}) is Kong's Admin API, not its proxy`, `Use the proxy port (8000 / 8443 by default) in ${setting}, not the Admin API (8001).`);
  }
  const version = identity.version ? `Kong ${identity.version}` : "Kong";
  return pass(`${version} answers at ${origin} (${identity.evidence.join(", ")})`, { kongVersion: identity.version ?? "", origin });
}

/** The route matches and Kong's plugins in front of ai-proxy (key-auth, rate limits) let the call through. */
export function gatewayAccess(ctx: GatewayContext, answer: Probe & { ok: true }): Outcome {
  const routePath = ctx.gateway.routePath;
  const routeSetting = settingName("routePath", ctx.given.routePath !== undefined, ctx.labels);
  const key = consumerKey(ctx);
  const message = bodyMessage(answer.text);
  const { status } = answer;
  if (status === 404 && /no Route matched/i.test(message)) {
    return fail(`no Kong route matches ${routePath}/chat/completions (${routeSetting} is ${routePath})`, `Set ${routeSetting} (or --route-path) to the path of your AI route, e.g. /openai.`);
  }
  if (status === 401) {
    if (!key) {
      return fail(`Kong refused the call: "${message}" (HTTP 401): the route wants a consumer key and none was sent`, "Set KONG_API_KEY to your Kong consumer's key (sent in the apikey header; KONG_API_KEY_HEADER changes the header).");
    }
    return fail(
      `Kong refused the consumer key from ${key.setting} (${key.header} header): "${message}" (HTTP 401)`,
      `Check ${key.setting} against the consumer's key-auth credential, and KONG_API_KEY_HEADER if the plugin reads another header than ${key.header}.`,
    );
  }
  if (status === 403) return fail(`Kong forbids this consumer on ${routePath}: "${message}" (HTTP 403)`, "Check the route's ACL or the consumer's groups in Kong.");
  if (status === 429) {
    const retry = answer.headers.get("retry-after");
    return fail(`Kong rate-limits this consumer: "${message}" (HTTP 429${retry ? `, retry after ${retry} s` : ""})`, "Wait, or raise the rate limit for this consumer.");
  }
  if (status >= 500) return fail(`the gateway answered HTTP ${status}: "${message}"`, "Check Kong's error log and the route's upstream.");
  const who = key ? `Kong accepted the consumer key from ${key.setting} on ${routePath}` : `${routePath} answers without a consumer key`;
  const aiRoute = status === 400 && /valid prompts|bad JSON|message format|model/i.test(message) ? ` (ai-proxy answered: ${message})` : ` (HTTP ${status})`;
  return pass(`${who}${aiRoute}`, { routePath, keyAuth: key !== undefined });
}
