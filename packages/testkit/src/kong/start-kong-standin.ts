import { Agent, createServer, request as httpRequest, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { prepareAiProxyRequest } from "./ai-proxy-request";
import { elapsedMs } from "./elapsed-ms";
import {
  startFakeOpenAIUpstream,
  type FakeOpenAIUpstream,
  type FakeOpenAIUpstreamOptions,
} from "./fake-openai-upstream";
import { SCENARIO_HEADER } from "./fault-scenario";
import { HeaderList, firstHeader } from "./header-list";
import { authenticateKey, keyNames, wwwAuthenticate, type Consumer } from "./key-auth";
import { KONG_MESSAGES, aiProxyErrorBody, kongErrorBody, type ErrorBody } from "./kong-error-response";
import { newKongRequestId } from "./kong-request-id";
import { KONG_STANDIN_DEFAULTS, mergeKongStandinConfig, type KongStandinConfig } from "./kong-standin-config";
import { RateLimiter } from "./rate-limiter";
import { readBody, recordRequest, type RecordedRequest } from "./recorded-request";
import { relayBufferedResponse, relayStreamResponse, type RelayContext } from "./relay-upstream-response";
import { ResponseCache, cacheKeyOf } from "./response-cache";
import { newTraceId, traceIdFromTraceparent } from "./trace-id";
import { upstreamRequestHeaders } from "./upstream-request-headers";

/** With the `kong-504` scenario Kong gives up on the (silent) upstream after this many ms at most. */
export const KONG_504_TIMEOUT_MS = 100;

/** Options of {@link startKongStandin}: the initial config plus where to listen. */
export interface KongStandinOptions extends Partial<KongStandinConfig> {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Proxy port. Default 0 (any free port). */
  port?: number;
  /** Options of the fake OpenAI upstream the stand-in starts behind itself. */
  upstream?: FakeOpenAIUpstreamOptions;
}

/** A running Kong AI Gateway stand-in with its fake OpenAI upstream. */
export interface KongStandin {
  /** Proxy base URL, e.g. `http://127.0.0.1:54321`. */
  readonly url: string;
  /** `url` + `routePath`: what to give the OpenAI SDK as `baseURL`. */
  readonly baseURL: string;
  /** Base URL of the fake upstream. */
  readonly upstreamUrl: string;
  /** Requests the proxy received, in arrival order (including rejected ones). */
  readonly requests: RecordedRequest[];
  /** Requests the upstream received (what Kong forwarded). */
  readonly upstreamRequests: RecordedRequest[];
  /** The fake upstream, e.g. to `configure({ responseHeaders })` it. */
  readonly upstream: FakeOpenAIUpstream;
  /** The current config. */
  readonly config: Readonly<KongStandinConfig>;
  /** Changes the config; a key set to `undefined` returns to its default (features switch off). */
  configure(patch: Partial<KongStandinConfig>): void;
  /** Restores the config given at start (proxy and upstream), forgets requests, rate-limit counts and cache. */
  reset(): void;
  /** Stops both servers. */
  close(): Promise<void>;
}

class UpstreamTimeoutError extends Error {
  constructor() {
    super("upstream timed out");
    this.name = "UpstreamTimeoutError";
  }
}

function writeResponse(res: ServerResponse, status: number, headers: HeaderList, body: string | Buffer): void {
  headers.applyTo(res);
  res.writeHead(status);
  res.end(body);
}

/**
 * Starts a local stand-in for Kong AI Gateway (ai-proxy, provider openai) in
 * front of a fake OpenAI upstream it also starts. Both listen on 127.0.0.1,
 * port 0 unless given. Point the OpenAI SDK at `baseURL`.
 *
 * It reproduces Kong's client-visible behaviour from the behaviour spec:
 * `X-Kong-*` / `Via` / `Server` headers, `X-Kong-LLM-Model`, Kong and ai-proxy
 * error bodies, key-auth, rate limiting, semantic-cache headers, SSE
 * re-framing (including `data: [DONE]` without a trailing newline), response
 * gzip, and named fault scenarios chosen by the `fault` config or per request
 * with the `x-standin-scenario` header.
 */
export async function startKongStandin(options: KongStandinOptions = {}): Promise<KongStandin> {
  const { host = "127.0.0.1", port = 0, upstream: upstreamOptions, ...initialPatch } = options;
  const initial = mergeKongStandinConfig({ ...KONG_STANDIN_DEFAULTS }, initialPatch);
  let config = initial;
  const requests: RecordedRequest[] = [];
  const cache = new ResponseCache();
  let limiter = config.rateLimit ? new RateLimiter(config.rateLimit, config.provider) : undefined;

  const upstream = await startFakeOpenAIUpstream(upstreamOptions);
  const upstreamUrl = new URL(upstream.url);
  const agent = new Agent({ keepAlive: true });

  const server: Server = createServer((req, res) => {
    const requestId = newKongRequestId();
    handle(req, res, requestId).catch(() => {
      // A stand-in bug, or the client went away while sending: Kong's generic 500.
      if (res.headersSent || res.destroyed) return void res.destroy();
      const error = kongErrorBody(KONG_MESSAGES.unexpected, requestId, firstHeader(req.headers, "accept"));
      const headers = new HeaderList()
        .set("X-Kong-Request-Id", requestId)
        .set("Content-Type", error.contentType)
        .set("Server", `kong/${config.version}`);
      writeResponse(res, 500, headers, error.body);
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse, requestId: string): Promise<void> {
    const started = performance.now();
    const cfg = config;
    const raw = await readBody(req);
    requests.push(recordRequest(req, raw));
    const url = new URL(req.url ?? "/", "http://kong.invalid");

    // Headers plugins add, on whatever response ends up being sent.
    const pluginHeaders = new HeaderList().set("X-Kong-Request-Id", requestId);
    if (cfg.traceIdResponseHeader) {
      const traceId = traceIdFromTraceparent(firstHeader(req.headers, "traceparent")) ?? newTraceId();
      pluginHeaders.append(cfg.traceIdResponseHeader, traceId);
    }

    const exit = (status: number, error: ErrorBody): void => {
      const headers = new HeaderList()
        .assign(pluginHeaders)
        .set("Content-Type", error.contentType)
        .set("Content-Length", Buffer.byteLength(error.body))
        .set("X-Kong-Response-Latency", elapsedMs(started))
        .set("Server", `kong/${cfg.version}`);
      writeResponse(res, status, headers, error.body);
    };
    const kongError = (status: number, message: string): void =>
      exit(status, kongErrorBody(message, requestId, firstHeader(req.headers, "accept")));

    // Router.
    if (!url.pathname.startsWith(cfg.routePath)) return kongError(404, KONG_MESSAGES.noRoute);

    // key-auth (priority 1250).
    let consumer: Consumer | undefined;
    if (cfg.keyAuth) {
      const auth = authenticateKey(req.headersDistinct, url.searchParams, cfg.keyAuth);
      if (!auth.ok) {
        pluginHeaders.set("WWW-Authenticate", wwwAuthenticate(cfg.keyAuth));
        return kongError(401, auth.message);
      }
      consumer = auth.consumer;
    }

    // rate-limiting (910) / ai-rate-limiting-advanced.
    if (limiter) {
      const decision = limiter.hit(consumer?.id ?? req.socket.remoteAddress ?? "anonymous", Date.now());
      pluginHeaders.assign(decision.headers);
      if (!decision.allowed) return kongError(429, decision.message);
    }

    // ai-proxy (770): parse and validate.
    const prepared = prepareAiProxyRequest({
      body: raw,
      contentType: firstHeader(req.headers, "content-type"),
      pathname: url.pathname,
      config: cfg,
    });
    if (!prepared.ok) return exit(prepared.status, aiProxyErrorBody(prepared.message));
    const plan = prepared.plan;

    // ai-semantic-cache.
    let cacheKey: string | undefined;
    if (cfg.cache) {
      if (plan.stream) {
        pluginHeaders.set("X-Cache-Status", "Bypass");
      } else {
        const key = cacheKeyOf(plan.routeType, plan.upstreamPath, plan.upstreamBody);
        const ttl = cfg.cache.ttlSeconds ?? 300;
        pluginHeaders.set("X-Cache-Key", key).set("X-Cache-Ttl", ttl);
        const hit = cache.lookup(key, Date.now());
        if (hit) {
          const headers = new HeaderList()
            .assign(pluginHeaders)
            .set("X-Cache-Status", "Hit")
            .set("Age", Math.floor((Date.now() - hit.storedAtMs) / 1000))
            .set("Content-Type", hit.contentType)
            .set("Content-Length", hit.body.length)
            .set("X-Kong-Proxy-Latency", elapsedMs(started))
            .set("Server", `kong/${cfg.version}`);
          return writeResponse(res, 200, headers, hit.body);
        }
        pluginHeaders.set("X-Cache-Status", "Miss");
        cacheKey = key;
      }
    }

    const scenario = firstHeader(req.headers, SCENARIO_HEADER) ?? cfg.fault;
    if (scenario === "kong-503") return kongError(503, KONG_MESSAGES.unavailable);

    // Proxy.
    if (cfg.keyAuth?.hideCredentials) for (const name of keyNames(cfg.keyAuth)) url.searchParams.delete(name);
    const upstreamHeaders = upstreamRequestHeaders(req, {
      requestId,
      consumer,
      hiddenHeaders: cfg.keyAuth?.hideCredentials ? keyNames(cfg.keyAuth) : [],
      bodyLength: plan.upstreamBody.length,
      pathname: url.pathname,
      config: cfg,
    });
    const proxyLatencyMs = elapsedMs(started);
    const sentAt = performance.now();
    const timeoutMs = scenario === "kong-504" ? Math.min(cfg.upstreamTimeoutMs, KONG_504_TIMEOUT_MS) : cfg.upstreamTimeoutMs;

    const upstreamReq = httpRequest({
      agent,
      host: upstreamUrl.hostname,
      port: upstreamUrl.port,
      method: req.method ?? "POST",
      path: plan.upstreamPath + url.search,
      headers: upstreamHeaders,
    });
    upstreamReq.setTimeout(timeoutMs, () => upstreamReq.destroy(new UpstreamTimeoutError()));
    res.on("close", () => {
      if (!res.writableFinished) upstreamReq.destroy();
    });
    upstreamReq.on("error", (error) => {
      if (res.headersSent) {
        if (!res.writableEnded) res.destroy();
        return;
      }
      if (error instanceof UpstreamTimeoutError) kongError(504, KONG_MESSAGES.timeout);
      else kongError(502, KONG_MESSAGES.badGateway);
    });
    upstreamReq.on("response", (upRes) => {
      const ctx: RelayContext = {
        config: cfg,
        plan,
        pluginHeaders,
        proxyLatencyMs,
        sentAt,
        cache,
        cacheKey,
        acceptGzip: /(^|[^a-z])gzip([^a-z]|$)/i.test(firstHeader(req.headers, "accept-encoding") ?? ""),
        modelHeader: cfg.modelNameHeader || req.headers["kong-debug"] !== undefined,
        badGateway: () => kongError(502, KONG_MESSAGES.badGateway),
      };
      if (plan.stream) relayStreamResponse(upRes, res, ctx);
      else relayBufferedResponse(upRes, res, ctx);
    });
    upstreamReq.end(plan.upstreamBody);
  }

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve();
    });
  });
  const address = server.address() as AddressInfo;
  const url = `http://${host.includes(":") ? `[${host}]` : host}:${address.port}`;

  return {
    url,
    get baseURL() {
      return url + config.routePath;
    },
    upstreamUrl: upstream.url,
    requests,
    upstreamRequests: upstream.requests,
    upstream,
    get config() {
      return config;
    },
    configure(patch) {
      const next = mergeKongStandinConfig(config, patch);
      if ("rateLimit" in patch || next.provider !== config.provider) {
        limiter = next.rateLimit ? new RateLimiter(next.rateLimit, next.provider) : undefined;
      }
      if ("cache" in patch) cache.clear();
      config = next;
    },
    reset() {
      config = initial;
      limiter = config.rateLimit ? new RateLimiter(config.rateLimit, config.provider) : undefined;
      cache.clear();
      requests.length = 0;
      upstream.reset();
    },
    async close() {
      await new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      agent.destroy();
      await upstream.close();
    },
  };
}
