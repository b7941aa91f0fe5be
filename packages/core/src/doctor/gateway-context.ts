import { readEnv } from "../config/env";
import type { KongGateway, KongGatewaySettings } from "../gateway/kong-gateway";
import type { SettingKey } from "./doctor-context";

/** What the gateway checks share. @internal */
export interface GatewayContext {
  gateway: KongGateway;
  given: KongGatewaySettings;
  labels: Partial<Record<SettingKey, string>>;
  fetch: typeof fetch;
  timeoutMs: number;
}

/** The consumer key header, if a key is configured, and how to name it in messages. @internal */
export function consumerKey(ctx: GatewayContext): { header: string; setting: string } | undefined {
  if (ctx.given.consumerKey === undefined && readEnv("KONG_API_KEY") === undefined) return undefined;
  return {
    header: ctx.given.consumerKeyHeader ?? readEnv("KONG_API_KEY_HEADER") ?? "apikey",
    setting: ctx.given.consumerKey !== undefined ? "consumerKey" : "KONG_API_KEY",
  };
}

/** The headers the OpenAI SDK would send with `gateway.clientOptions`. @internal */
export function sdkHeaders(ctx: GatewayContext): Record<string, string> {
  const { apiKey, defaultHeaders } = ctx.gateway.clientOptions;
  return { "Content-Type": "application/json", Accept: "application/json", Authorization: `Bearer ${apiKey}`, ...defaultHeaders };
}

/** `<baseURL>/chat/completions`, where the OpenAI SDK sends chat calls. @internal */
export function chatUrl(ctx: GatewayContext): string {
  return `${ctx.gateway.clientOptions.baseURL}/chat/completions`;
}
