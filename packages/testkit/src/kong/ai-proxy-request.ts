import type { KongRouteType, KongStandinConfig } from "./kong-standin-config";
import { OPENAI_OPERATION_PATHS, routeTypeForPath } from "./route-type";

/** ai-proxy error messages (spec §2.2). */
export const AI_PROXY_MESSAGES = {
  badJson: "content-type header does not match request body, or bad JSON formatting",
  noPrompt: "request body doesn't contain valid prompts",
  noModel: "model parameter not found in request, nor in gateway configuration",
  multipleFormats: "request matches multiple LLM request formats",
  modelNotConfigured: "model not configured",
} as const;

/** A request ai-proxy accepted, ready to go upstream. */
export interface AiProxyPlan {
  routeType: KongRouteType;
  /** Upstream path, e.g. `/v1/chat/completions`. */
  upstreamPath: string;
  /** The re-encoded JSON body sent upstream. */
  upstreamBody: Buffer;
  /** Stream mode (the body asked for `stream`). */
  stream: boolean;
  /** Provider for `X-Kong-LLM-Model` (the alias target's provider with `modelAlias`). */
  provider: string;
  /** Model for `X-Kong-LLM-Model`: configured name, alias target, or the client's body model. */
  model: string;
}

/** Outcome of {@link prepareAiProxyRequest}: a plan, or an ai-proxy 400. */
export type AiProxyResult = { ok: true; plan: AiProxyPlan } | { ok: false; status: number; message: string };

/** What {@link prepareAiProxyRequest} needs from the request. */
export interface AiProxyInput {
  body: Buffer;
  /** The request `Content-Type` (Kong assumes JSON when absent). */
  contentType: string | undefined;
  /** The request path (used by `routeType: "auto"`). */
  pathname: string;
  config: KongStandinConfig;
}

function lengthOk(messages: unknown): boolean {
  return Array.isArray(messages) && messages.length > 0;
}

function requestFormat(body: Record<string, unknown>): KongRouteType | "multiple" | undefined {
  const chat = lengthOk(body.messages);
  const completions = typeof body.prompt === "string";
  if (chat && completions) return "multiple";
  if (chat) return "llm/v1/chat";
  if (completions) return "llm/v1/completions";
  return undefined;
}

const fail = (message: string, status = 400): AiProxyResult => ({ ok: false, status, message });

/**
 * ai-proxy's request phase (`parse-request` + `normalize-request`), checks in
 * Kong's order:
 * 1. body not JSON (or a non-JSON content type, or larger than
 *    `maxRequestBodySize`) → `content-type header does not match request body, or bad JSON formatting`;
 * 2. chat/completions: neither non-empty `messages` nor string `prompt` → `request body doesn't contain valid prompts`;
 * 3. `modelAlias` set and the body model is not an alias → `model not configured`;
 *    body model non-empty and ≠ `modelName` → `cannot use own model - must be: <name>`;
 * 4. no model anywhere → `model parameter not found in request, nor in gateway configuration`;
 * 5. chat/completions: body shape of the other route type → `[<format>] message format is not compatible with [<route>] route type`,
 *    both shapes → `request matches multiple LLM request formats`.
 * Then the body is re-encoded with the resolved `model` (and, for chat and
 * completions, an explicit `stream` and no `top_k`, as the openai driver does).
 * Stream mode follows Lua truthiness: any `stream` other than absent/`false`.
 */
export function prepareAiProxyRequest(input: AiProxyInput): AiProxyResult {
  const { config } = input;
  const routeType = config.routeType === "auto" ? routeTypeForPath(input.pathname) : config.routeType;
  const llm = routeType === "llm/v1/chat" || routeType === "llm/v1/completions";

  const contentType = (input.contentType ?? "application/json").toLowerCase();
  if (!contentType.includes("application/json") || input.body.length > config.maxRequestBodySize) {
    return fail(AI_PROXY_MESSAGES.badJson);
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(input.body.toString("utf8"));
  } catch {
    return fail(AI_PROXY_MESSAGES.badJson);
  }
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed)) {
    return fail(llm ? AI_PROXY_MESSAGES.noPrompt : AI_PROXY_MESSAGES.badJson);
  }
  const body = { ...(parsed as Record<string, unknown>) };

  if (llm && requestFormat(body) === undefined) return fail(AI_PROXY_MESSAGES.noPrompt);

  let provider = config.provider;
  let model: string | undefined;
  if (config.modelAlias) {
    const target = typeof body.model === "string" ? config.modelAlias[body.model] : undefined;
    if (!target) return fail(AI_PROXY_MESSAGES.modelNotConfigured);
    provider = target.provider;
    model = target.model;
  } else {
    model = config.modelName ?? (typeof body.model === "string" ? body.model : undefined);
    if (typeof body.model === "string" && body.model !== "" && body.model !== model) {
      return fail(`cannot use own model - must be: ${model ?? ""}`);
    }
  }
  if (model === undefined) return fail(AI_PROXY_MESSAGES.noModel);

  if (llm) {
    const format = requestFormat(body);
    if (format === "multiple") return fail(AI_PROXY_MESSAGES.multipleFormats);
    if (format !== routeType) return fail(`[${format}] message format is not compatible with [${routeType}] route type`);
  }

  const stream = body.stream !== undefined && body.stream !== false;
  body.model = model;
  if (llm) {
    body.stream = stream;
    delete body.top_k;
  }
  return {
    ok: true,
    plan: {
      routeType,
      upstreamPath: OPENAI_OPERATION_PATHS[routeType],
      upstreamBody: Buffer.from(JSON.stringify(body)),
      stream,
      provider,
      model,
    },
  };
}
