import { request } from "node:http";

/** A response read by {@link rawHttpRequest}: body bytes untouched (no decompression). */
export interface RawHttpResponse {
  status: number;
  /** Headers with lowercase names. */
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/**
 * A bare node:http request, for what `fetch` cannot do: send a header twice
 * (pass `rawHeaders` as alternating names and values) or see a gzipped body
 * as it was sent.
 */
export function rawHttpRequest(
  url: string,
  options: { method?: string; rawHeaders?: string[]; body?: string | Buffer } = {},
): Promise<RawHttpResponse> {
  return new Promise((resolve, reject) => {
    // With raw headers Node adds no Host header, which HTTP/1.1 servers require.
    const raw = options.rawHeaders ?? [];
    const hasHost = raw.some((v, i) => i % 2 === 0 && v.toLowerCase() === "host");
    const headers = hasHost ? raw : ["Host", new URL(url).host, ...raw];
    const req = request(url, { method: options.method ?? "POST", headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (chunk: Buffer) => chunks.push(chunk));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on("error", reject);
    });
    req.on("error", reject);
    req.end(options.body);
  });
}
