import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { chatCompletionChunks, chatCompletionResponse } from "./fake-chat-completions";
import { completionChunks, completionResponse } from "./fake-completions";
import { embeddingsResponse } from "./fake-embeddings";
import { randomHex, randomId } from "./fake-ids";
import { responsesEvents, responsesResponse } from "./fake-responses";
import {
  CHUNK_DELAY_HEADER,
  FAULT_AFTER_CHUNKS_HEADER,
  FAULT_SCENARIOS,
  SCENARIO_HEADER,
  isFaultScenario,
  type FaultScenario,
} from "./fault-scenario";
import { HeaderList, firstHeader } from "./header-list";
import { HTML_500_BODY, invalidApiKeyBody, openAIErrorBody, rateLimitBody } from "./openai-error-bodies";
import { readBody, recordRequest, type RecordedRequest } from "./recorded-request";
import { writeSseStream, type SseFrame } from "./write-sse-stream";

/** Settings of the fake OpenAI upstream; all can change at runtime with `configure`. */
export interface FakeOpenAIUpstreamConfig {
  /** Fault scenario for requests that carry no `x-standin-scenario` header. */
  scenario?: FaultScenario;
  /** Extra headers on every response, e.g. `{ Server: "cloudflare", Via: "1.1 google" }`. Default none. */
  responseHeaders: Record<string, string>;
  /** Delay in ms before answering any request. Default 0. */
  latencyMs: number;
  /** Delay in ms between stream chunks outside the `slow-stream` scenario. Default 0. */
  chunkDelayMs: number;
  /** Delay in ms between stream chunks in `slow-stream` (header `x-standin-chunk-delay-ms` wins). Default 100. */
  slowStreamDelayMs: number;
  /** Chunks sent before `stream-cut` / `stream-garbage` strike (header `x-standin-fault-after-chunks` wins). Default 2. */
  faultAfterChunks: number;
}

/** Options of {@link startFakeOpenAIUpstream}: initial config plus where to listen. */
export interface FakeOpenAIUpstreamOptions extends Partial<FakeOpenAIUpstreamConfig> {
  /** Interface to listen on. Default `127.0.0.1`. */
  host?: string;
  /** Port to listen on. Default 0 (any free port). */
  port?: number;
}

/** A running fake OpenAI upstream. */
export interface FakeOpenAIUpstream {
  /** Base URL, e.g. `http://127.0.0.1:54321` (the API lives under `/v1`). */
  readonly url: string;
  /** Every request received, in arrival order. */
  readonly requests: RecordedRequest[];
  /** The current settings. */
  readonly config: Readonly<FakeOpenAIUpstreamConfig>;
  /** Changes settings; a key set to `undefined` goes back to its default. */
  configure(patch: Partial<FakeOpenAIUpstreamConfig>): void;
  /** Restores the settings given at start and forgets recorded requests. */
  reset(): void;
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

const DEFAULTS: FakeOpenAIUpstreamConfig = {
  responseHeaders: {},
  latencyMs: 0,
  chunkDelayMs: 0,
  slowStreamDelayMs: 100,
  faultAfterChunks: 2,
};

type Endpoint = "chat" | "completions" | "embeddings" | "responses";

const ENDPOINTS: Readonly<Record<string, Endpoint>> = {
  "/v1/chat/completions": "chat",
  "/v1/completions": "completions",
  "/v1/embeddings": "embeddings",
  "/v1/responses": "responses",
};

const REQUIRED_FIELD: Readonly<Record<Endpoint, string | undefined>> = {
  chat: "messages",
  completions: "prompt",
  embeddings: "input",
  responses: undefined,
};

/** Merges a config patch; keys explicitly set to undefined fall back to the defaults. */
export function mergeUpstreamConfig(
  base: FakeOpenAIUpstreamConfig,
  patch: Partial<FakeOpenAIUpstreamConfig>,
): FakeOpenAIUpstreamConfig {
  const next: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    next[key] = value === undefined ? (DEFAULTS as unknown as Record<string, unknown>)[key] : value;
  }
  if (next.scenario !== undefined && !isFaultScenario(next.scenario)) {
    throw new TypeError(`Unknown fault scenario ${JSON.stringify(next.scenario)}; known: ${FAULT_SCENARIOS.join(", ")}`);
  }
  return next as unknown as FakeOpenAIUpstreamConfig;
}

function headerInt(req: IncomingMessage, name: string): number | undefined {
  const raw = firstHeader(req.headers, name);
  if (raw === undefined) return undefined;
  const n = Number(raw);
  return Number.isFinite(n) && n >= 0 ? n : undefined;
}

function streamFrames(endpoint: Endpoint, body: Record<string, unknown>): SseFrame[] {
  switch (endpoint) {
    case "chat":
      return chatCompletionChunks(body).map((c) => ({ data: JSON.stringify(c) }));
    case "completions":
      return completionChunks(body).map((c) => ({ data: JSON.stringify(c) }));
    case "responses":
      return responsesEvents(body).map((e) => ({ event: String(e.type), data: JSON.stringify(e) }));
    case "embeddings":
      return [];
  }
}

function jsonResponse(endpoint: Endpoint, body: Record<string, unknown>): Record<string, unknown> {
  switch (endpoint) {
    case "chat":
      return chatCompletionResponse(body);
    case "completions":
      return completionResponse(body);
    case "embeddings":
      return embeddingsResponse(body);
    case "responses":
      return responsesResponse(body);
  }
}

/**
 * Starts a deterministic OpenAI-compatible server on 127.0.0.1 (port 0 by
 * default). It answers `POST /v1/chat/completions`, `/v1/completions`,
 * `/v1/embeddings` and `/v1/responses`, streamed (`stream: true`, SSE as
 * OpenAI writes it) or not. Replies are `"Echo: <last user message>"`, token
 * counts are word counts, the body `model` is the dated snapshot
 * (`gpt-4o` → `gpt-4o-2024-08-06`), and tool calls follow the triggers of
 * `planToolCalls`. Every response carries OpenAI-like headers (`x-request-id:
 * req_...`, `openai-processing-ms`, `x-ratelimit-*`, a `__cf_bm` `set-cookie`)
 * and no `Server` header unless configured.
 *
 * Fault scenarios (`x-standin-scenario` header or `scenario` config) make it
 * misbehave; see {@link FAULT_SCENARIOS}.
 */
export async function startFakeOpenAIUpstream(options: FakeOpenAIUpstreamOptions = {}): Promise<FakeOpenAIUpstream> {
  const { host = "127.0.0.1", port = 0, ...initialPatch } = options;
  const initial = mergeUpstreamConfig(DEFAULTS, initialPatch);
  let config = initial;
  const requests: RecordedRequest[] = [];

  const server: Server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) {
        res.writeHead(500, { "Content-Type": "application/json" });
        res.end(JSON.stringify(openAIErrorBody(`fake upstream failure: ${String(error)}`, "server_error")));
      } else {
        res.destroy();
      }
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const start = performance.now();
    const raw = await readBody(req);
    const recorded = recordRequest(req, raw);
    requests.push(recorded);
    const cfg = config;

    const headers = new HeaderList()
      .set("x-request-id", `req_${randomHex(32)}`)
      .set("openai-organization", "org-standin")
      .set("openai-version", "2020-10-01")
      .set("x-ratelimit-limit-requests", 10000)
      .set("x-ratelimit-remaining-requests", 9999)
      .set("x-ratelimit-reset-requests", "6ms")
      .set("x-ratelimit-limit-tokens", 30000000)
      .set("x-ratelimit-remaining-tokens", 29999990)
      .set("x-ratelimit-reset-tokens", "0s")
      .set(
        "set-cookie",
        `__cf_bm=${randomId("", 43)}; path=/; expires=${new Date(Date.now() + 1_800_000).toUTCString()}; domain=.api.openai.com; HttpOnly; Secure; SameSite=None`,
      );
    for (const [name, value] of Object.entries(cfg.responseHeaders)) headers.set(name, value);

    const send = (status: number, contentType: string, body: string): void => {
      headers.set("openai-processing-ms", Math.round(performance.now() - start));
      headers.set("Content-Type", contentType).set("Content-Length", Buffer.byteLength(body));
      headers.applyTo(res);
      res.writeHead(status);
      res.end(body);
    };
    const sendJson = (status: number, body: unknown): void => send(status, "application/json", JSON.stringify(body));

    const scenarioName = firstHeader(req.headers, SCENARIO_HEADER) ?? cfg.scenario;
    if (scenarioName !== undefined && !isFaultScenario(scenarioName)) {
      sendJson(
        400,
        openAIErrorBody(
          `Unknown ${SCENARIO_HEADER} ${JSON.stringify(scenarioName)}; known: ${FAULT_SCENARIOS.join(", ")}`,
          "standin_error",
        ),
      );
      return;
    }
    const scenario: FaultScenario | undefined = scenarioName;

    if (cfg.latencyMs > 0) await sleep(cfg.latencyMs);
    if (scenario === "kong-502") {
      req.socket.destroy();
      return;
    }
    if (scenario === "kong-504") return; // never answer; the proxy times out

    const pathname = (req.url ?? "/").split("?")[0] as string;
    const endpoint = req.method === "POST" ? ENDPOINTS[pathname] : undefined;
    if (!endpoint) {
      sendJson(404, openAIErrorBody(`Invalid URL (${req.method ?? "GET"} ${pathname})`, "invalid_request_error"));
      return;
    }
    const body = recorded.json;
    if (!body || typeof body !== "object" || Array.isArray(body)) {
      sendJson(
        400,
        openAIErrorBody(
          "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON. If you have trouble figuring out how to fix this, please contact us through our help center at help.openai.com.)",
          "invalid_request_error",
        ),
      );
      return;
    }
    const request = body as Record<string, unknown>;
    if (typeof request.model !== "string" || request.model === "") {
      sendJson(400, openAIErrorBody("you must provide a model parameter", "invalid_request_error"));
      return;
    }
    const required = REQUIRED_FIELD[endpoint];
    if (required !== undefined && request[required] === undefined) {
      sendJson(
        400,
        openAIErrorBody(
          `Missing required parameter: '${required}'.`,
          "invalid_request_error",
          required,
          "missing_required_parameter",
        ),
      );
      return;
    }

    switch (scenario) {
      case "upstream-error-401":
        sendJson(401, invalidApiKeyBody(firstHeader(req.headers, "authorization")));
        return;
      case "upstream-429":
        headers.set("x-ratelimit-limit-requests", 3).set("x-ratelimit-remaining-requests", 0);
        headers.set("x-ratelimit-reset-requests", "20s");
        sendJson(429, rateLimitBody(request.model));
        return;
      case "upstream-error-500-html":
        send(500, "text/html", HTML_500_BODY);
        return;
      case "non-json-200":
        send(200, "text/plain; charset=utf-8", "this is not JSON");
        return;
      case "missing-choices": {
        const full = jsonResponse(endpoint, request);
        const { choices: _dropped, ...rest } = full;
        sendJson(200, rest);
        return;
      }
      default:
        break;
    }

    const delayMs =
      scenario === "slow-stream" ? (headerInt(req, CHUNK_DELAY_HEADER) ?? cfg.slowStreamDelayMs) : cfg.chunkDelayMs;
    const faultAfter = headerInt(req, FAULT_AFTER_CHUNKS_HEADER) ?? cfg.faultAfterChunks;
    const streaming = request.stream === true && endpoint !== "embeddings";

    if (!streaming) {
      if (scenario === "slow-stream" && endpoint !== "embeddings") {
        // As long as the same reply would take to stream.
        await sleep(delayMs * streamFrames(endpoint, request).length);
      }
      if (scenario === "stream-cut") {
        // Headers and half a body, then the connection dies.
        const text = JSON.stringify(jsonResponse(endpoint, request));
        headers.set("openai-processing-ms", Math.round(performance.now() - start));
        headers.set("Content-Type", "application/json").set("Content-Length", Buffer.byteLength(text));
        headers.applyTo(res);
        res.writeHead(200);
        res.write(text.slice(0, Math.floor(text.length / 2)), () => {
          res.socket?.destroy();
          res.destroy();
        });
        return;
      }
      sendJson(200, jsonResponse(endpoint, request));
      return;
    }

    const frames = streamFrames(endpoint, request);
    headers.set("openai-processing-ms", Math.round(performance.now() - start));
    headers.set("Content-Type", "text/event-stream; charset=utf-8");
    headers.applyTo(res);
    res.writeHead(200);
    res.flushHeaders();
    await writeSseStream(res, frames, {
      delayMs,
      ...(scenario === "stream-cut" ? { cutAfter: faultAfter } : {}),
      ...(scenario === "stream-garbage" ? { garbageAfter: faultAfter } : {}),
    });
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
    requests,
    get config() {
      return config;
    },
    configure(patch) {
      config = mergeUpstreamConfig(config, patch);
    },
    reset() {
      config = initial;
      requests.length = 0;
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}
