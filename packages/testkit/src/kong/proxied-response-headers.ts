import { HeaderList } from "./header-list";

/** Hop-by-hop headers a proxy never forwards. */
export const HOP_BY_HOP_HEADERS: ReadonlySet<string> = new Set([
  "connection",
  "keep-alive",
  "proxy-connection",
  "transfer-encoding",
  "te",
  "trailer",
  "upgrade",
]);

/** Providers whose `Set-Cookie` ai-proxy clears (`clear_response_headers` in `kong/llm/drivers/shared.lua`). */
export const SET_COOKIE_CLEARING_PROVIDERS: ReadonlySet<string> = new Set(["openai", "azure", "mistral", "gemini", "bedrock"]);

/** The upstream's response headers as Kong passes them on: without hop-by-hop headers and `Content-Length`. */
export function upstreamHeadersForClient(rawHeaders: readonly string[]): HeaderList {
  const out = new HeaderList();
  for (const [name, value] of HeaderList.fromRaw(rawHeaders).entries()) {
    const lower = name.toLowerCase();
    if (HOP_BY_HOP_HEADERS.has(lower) || lower === "content-length") continue;
    out.append(name, value);
  }
  return out;
}

/**
 * Adds Kong's proxied-response headers (spec §1.1): `X-Kong-Upstream-Latency`,
 * `X-Kong-Proxy-Latency`, `Via: 1.1 kong/<ver>` (appended to an upstream
 * `Via`), and `Server: kong/<ver>` only when the upstream sent no `Server`.
 */
export function addProxiedKongHeaders(
  headers: HeaderList,
  options: { version: string; upstreamLatencyMs: number; proxyLatencyMs: number },
): HeaderList {
  headers.set("X-Kong-Upstream-Latency", options.upstreamLatencyMs);
  headers.set("X-Kong-Proxy-Latency", options.proxyLatencyMs);
  const ours = `1.1 kong/${options.version}`;
  const upstreamVia = headers.get("via");
  headers.set("Via", upstreamVia ? `${upstreamVia}, ${ours}` : ours);
  if (!headers.has("server")) headers.set("Server", `kong/${options.version}`);
  return headers;
}
