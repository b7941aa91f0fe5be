import type { IncomingMessage, OutgoingHttpHeaders } from "node:http";
import { CHUNK_DELAY_HEADER, FAULT_AFTER_CHUNKS_HEADER, SCENARIO_HEADER } from "./fault-scenario";
import { firstHeader } from "./header-list";
import type { Consumer } from "./key-auth";
import type { KongStandinConfig } from "./kong-standin-config";
import { HOP_BY_HOP_HEADERS } from "./proxied-response-headers";

/** What {@link upstreamRequestHeaders} adds to the client's headers. */
export interface UpstreamHeaderOptions {
  requestId: string;
  /** The consumer key-auth identified, if any. */
  consumer: Consumer | undefined;
  /** Header names to strip (key-auth `hide_credentials`). */
  hiddenHeaders: string[];
  /** Length of the re-encoded body. */
  bodyLength: number;
  /** The request path the client used (`X-Forwarded-Path`). */
  pathname: string;
  config: KongStandinConfig;
}

/**
 * The request headers Kong sends upstream: the client's (`Authorization` and
 * `traceparent` untouched) minus hop-by-hop ones, plus `X-Kong-Request-Id`,
 * `Accept-Encoding: gzip, identity` (openai driver `pre_request`),
 * `Content-Type: application/json`, `X-Forwarded-*` / `X-Real-IP`, the
 * consumer headers after key-auth, and the stand-in's fault knobs
 * (`x-standin-*`) when they come from config rather than the request.
 */
export function upstreamRequestHeaders(req: IncomingMessage, options: UpstreamHeaderOptions): OutgoingHttpHeaders {
  const out: OutgoingHttpHeaders = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value === undefined || HOP_BY_HOP_HEADERS.has(name)) continue;
    if (name === "host" || name === "content-length" || name === "accept-encoding") continue;
    out[name] = value;
  }
  for (const name of options.hiddenHeaders) delete out[name.toLowerCase()];

  const remote = req.socket.remoteAddress ?? "127.0.0.1";
  const forwardedFor = firstHeader(req.headers, "x-forwarded-for");
  out["x-forwarded-for"] = forwardedFor ? `${forwardedFor}, ${remote}` : remote;
  out["x-forwarded-proto"] = "http";
  out["x-forwarded-host"] = (firstHeader(req.headers, "host") ?? "").replace(/:\d+$/, "");
  out["x-forwarded-port"] = String(req.socket.localPort ?? "");
  out["x-forwarded-path"] = options.pathname;
  out["x-real-ip"] = remote;
  out["x-kong-request-id"] = options.requestId;
  out["accept-encoding"] = "gzip, identity";
  out["content-type"] = "application/json";
  out["content-length"] = String(options.bodyLength);
  if (options.consumer) {
    out["x-consumer-id"] = options.consumer.id;
    out["x-consumer-username"] = options.consumer.username;
    out["x-credential-identifier"] = options.consumer.credentialId;
  }

  const { config } = options;
  if (out[SCENARIO_HEADER] === undefined && config.fault !== undefined) out[SCENARIO_HEADER] = config.fault;
  const scenario = out[SCENARIO_HEADER];
  if (scenario === "slow-stream" && out[CHUNK_DELAY_HEADER] === undefined) {
    out[CHUNK_DELAY_HEADER] = String(config.slowStreamDelayMs);
  }
  if ((scenario === "stream-cut" || scenario === "stream-garbage") && out[FAULT_AFTER_CHUNKS_HEADER] === undefined) {
    out[FAULT_AFTER_CHUNKS_HEADER] = String(config.faultAfterChunks);
  }
  return out;
}
