import { createServer, request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";

/** A local HTTP front that adds CORS to a server behind it. */
export interface CorsFront {
  url: string;
  close(): Promise<void>;
}

/**
 * Stands in for Kong's `cors` plugin in front of the Kong stand-in, which a
 * browser calling Kong directly needs: preflights are answered, and every
 * response allows the page's origin and exposes all headers, so the
 * `X-Kong-*` gateway signals are readable in the browser (Kong's plugin
 * needs them in `exposed_headers` for the same reason).
 */
export async function startCorsFront(target: string): Promise<CorsFront> {
  const upstream = new URL(target);
  const server = createServer((req, res) => {
    const cors = {
      "access-control-allow-origin": req.headers.origin ?? "*",
      "access-control-expose-headers": "*",
      vary: "Origin",
    };
    if (req.method === "OPTIONS") {
      res.writeHead(204, {
        ...cors,
        "access-control-allow-methods": "GET, POST, OPTIONS",
        "access-control-allow-headers": req.headers["access-control-request-headers"] ?? "*",
        "access-control-max-age": "600",
      });
      res.end();
      return;
    }
    const forward = httpRequest(
      { host: upstream.hostname, port: upstream.port, method: req.method, path: req.url, headers: { ...req.headers, host: upstream.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...cors });
        answer.pipe(res);
      },
    );
    forward.on("error", (error) => {
      res.writeHead(502, cors);
      res.end(String(error));
    });
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
