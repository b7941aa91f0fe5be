import type { IncomingMessage, ServerResponse } from "node:http";
import { gzipSync } from "node:zlib";
import type { AiProxyPlan } from "./ai-proxy-request";
import { elapsedMs } from "./elapsed-ms";
import type { HeaderList } from "./header-list";
import { KONG_SSE_TRANSFORMER_ERROR, KongSseNormalizer } from "./kong-sse-normalizer";
import type { KongStandinConfig } from "./kong-standin-config";
import {
  SET_COOKIE_CLEARING_PROVIDERS,
  addProxiedKongHeaders,
  upstreamHeadersForClient,
} from "./proxied-response-headers";
import type { ResponseCache } from "./response-cache";
import { transformationError } from "./transformation-error";

/** What the relay needs to know about the request it answers. */
export interface RelayContext {
  config: KongStandinConfig;
  plan: AiProxyPlan;
  /** Headers plugins set during the request (request id, rate limits, cache, trace). */
  pluginHeaders: HeaderList;
  proxyLatencyMs: number;
  /** `performance.now()` when the upstream request was sent. */
  sentAt: number;
  /** The cache, and the key to store a 200 under (undefined: do not cache). */
  cache: ResponseCache;
  cacheKey: string | undefined;
  /** The client sent `Accept-Encoding: gzip`. */
  acceptGzip: boolean;
  /** Send `X-Kong-LLM-Model` (plugin `model_name_header`, or `Kong-Debug`). */
  modelHeader: boolean;
  /** Answers Kong's 502 (the upstream broke off before a full answer). */
  badGateway: () => void;
}

function clientHeaders(upRes: IncomingMessage, ctx: RelayContext): HeaderList {
  return addProxiedKongHeaders(upstreamHeadersForClient(upRes.rawHeaders).assign(ctx.pluginHeaders), {
    version: ctx.config.version,
    upstreamLatencyMs: elapsedMs(ctx.sentAt),
    proxyLatencyMs: ctx.proxyLatencyMs,
  });
}

function modelHeaderValue(plan: AiProxyPlan): string {
  return `${plan.provider}/${plan.model}`;
}

/**
 * Non-stream relay. Kong buffers the whole upstream body first (so
 * `X-Kong-Upstream-Latency` covers the full generation). On an upstream 200
 * it checks chat/completions bodies (500 `transformation failed ...` when
 * unusable), clears `Set-Cookie` for the providers that do so, adds
 * `X-Kong-LLM-Model`, stores the answer in the cache, and gzips it when the
 * client accepts gzip (dropping `Content-Length`). Other statuses pass through
 * as they are. An upstream that breaks off mid-body gives Kong's 502.
 */
export function relayBufferedResponse(upRes: IncomingMessage, res: ServerResponse, ctx: RelayContext): void {
  const chunks: Buffer[] = [];
  upRes.on("data", (chunk: Buffer) => chunks.push(chunk));
  upRes.on("close", () => {
    if (!upRes.complete && !res.headersSent) ctx.badGateway();
  });
  upRes.on("end", () => {
    const headers = clientHeaders(upRes, ctx);
    let status = upRes.statusCode ?? 502;
    let body = Buffer.concat(chunks);
    let gzip = false;
    if (status === 200) {
      const { config, plan } = ctx;
      if (plan.routeType === "llm/v1/chat" || plan.routeType === "llm/v1/completions") {
        const error = transformationError(body, config.provider, plan.routeType);
        if (error) {
          status = 500;
          body = Buffer.from(JSON.stringify({ error: { message: error } }));
        }
      }
      if (SET_COOKIE_CLEARING_PROVIDERS.has(config.provider)) headers.delete("Set-Cookie");
      if (ctx.modelHeader) headers.set("X-Kong-LLM-Model", modelHeaderValue(plan));
      if (status === 200 && ctx.cacheKey !== undefined && config.cache) {
        const contentType = upRes.headers["content-type"] ?? "application/json";
        ctx.cache.store(ctx.cacheKey, body, contentType, Date.now(), config.cache.ttlSeconds ?? 300);
      }
      gzip = ctx.acceptGzip;
    }
    if (gzip) {
      body = gzipSync(body);
      headers.set("Content-Encoding", "gzip").delete("Content-Length");
    } else {
      headers.set("Content-Length", body.length);
    }
    headers.applyTo(res);
    res.writeHead(status); // head first: without Content-Length the body goes chunked
    res.end(body);
  });
}

/**
 * Stream relay. Headers go out as soon as the upstream's arrive (so
 * `X-Kong-Upstream-Latency` ≈ time to first byte) with `Content-Type`
 * forced to `text/event-stream`, whatever the status; `X-Kong-LLM-Model` only
 * on 200. A 200 event stream is re-framed chunk by chunk by
 * {@link KongSseNormalizer}; a 200 that is not an event stream becomes Kong's
 * single {@link KONG_SSE_TRANSFORMER_ERROR} frame; other statuses pass
 * through. If the upstream connection dies, the client connection is destroyed too.
 */
export function relayStreamResponse(upRes: IncomingMessage, res: ServerResponse, ctx: RelayContext): void {
  const status = upRes.statusCode ?? 502;
  const headers = clientHeaders(upRes, ctx).set("Content-Type", "text/event-stream");
  if (status === 200 && ctx.modelHeader) headers.set("X-Kong-LLM-Model", modelHeaderValue(ctx.plan));
  headers.applyTo(res);
  res.writeHead(status);
  res.flushHeaders();

  upRes.on("close", () => {
    if (!upRes.complete && !res.writableEnded) res.destroy();
  });
  const end = () => {
    if (!res.writableEnded) res.end();
  };
  if (status !== 200) {
    upRes.on("data", (chunk: Buffer) => res.write(chunk));
    upRes.on("end", end);
    return;
  }
  const contentType = (upRes.headers["content-type"] ?? "").split(";")[0]?.trim().toLowerCase();
  if (contentType && contentType !== "text/event-stream") {
    upRes.once("data", () => {
      res.end(KONG_SSE_TRANSFORMER_ERROR);
      upRes.resume();
    });
    upRes.on("end", end);
    return;
  }
  const normalizer = new KongSseNormalizer(ctx.config.sseDoneWithoutTrailingNewline);
  upRes.on("data", (chunk: Buffer) => {
    const out = normalizer.push(chunk);
    if (out !== "") res.write(out);
  });
  upRes.on("end", end);
}
