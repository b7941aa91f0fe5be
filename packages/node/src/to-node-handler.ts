import type { IncomingMessage, ServerResponse } from "node:http";
import { Readable } from "node:stream";

/**
 * Adapts a fetch-style handler, `(request: Request) => Promise<Response>`
 * (such as `createTraceRelay(...)`), to Node's `(req, res)`: plain
 * `node:http`, Express, Fastify's `raw`, Connect/Vite middleware. The body
 * is streamed in both directions; a handler that throws answers 500.
 *
 * @example
 * app.post("/api/traces", toNodeHandler(createTraceRelay({ experimentNames: ["chat-ui"] })));
 */
export function toNodeHandler(handler: (request: Request) => Promise<Response>): (req: IncomingMessage, res: ServerResponse) => Promise<void> {
  return async (req, res) => {
    try {
      const protocol = (req.socket as { encrypted?: boolean }).encrypted ? "https" : "http";
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (value === undefined) continue;
        for (const v of Array.isArray(value) ? value : [value]) headers.append(name, v);
      }
      const method = req.method ?? "GET";
      const hasBody = method !== "GET" && method !== "HEAD";
      const request = new Request(`${protocol}://${req.headers.host ?? "localhost"}${req.url ?? "/"}`, {
        method,
        headers,
        ...(hasBody ? { body: Readable.toWeb(req) as ReadableStream<Uint8Array>, duplex: "half" } : {}),
      } as RequestInit);
      const response = await handler(request);
      res.statusCode = response.status;
      response.headers.forEach((value, name) => res.setHeader(name, value));
      if (!response.body) {
        res.end();
        return;
      }
      for await (const chunk of response.body as unknown as AsyncIterable<Uint8Array>) res.write(chunk);
      res.end();
    } catch (error) {
      if (!res.headersSent) {
        res.statusCode = 500;
        res.setHeader("Content-Type", "application/json");
      }
      res.end(JSON.stringify({ error: error instanceof Error ? error.message : String(error) }));
    }
  };
}
