import { type IncomingMessage, type Server, type ServerResponse, createServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
import { createNodeHttpFetch, type NodeHttpFetch } from "./node-http-fetch";

/** A self-signed certificate for 127.0.0.1 (test only; valid until 2126). */
const TEST_TLS = {
  key: `-----BEGIN PRIVATE KEY-----
MIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgX+Gks9RyNjtBtHDl
wTvHt/Ht7TDzYHCb6TQeBb2VaNKhRANCAARlSF1F9wN7mevQWRAsGJC8umgVgP6O
jxdGlfcluS3ifiByaH36pxAZmAUXVOFvM5VHkW1FStDPB+u415ZgDNlr
-----END PRIVATE KEY-----`,
  cert: `-----BEGIN CERTIFICATE-----
MIIBjzCCATagAwIBAgIUBYkGQvQeLn9QvRtwD1Lfpd5C6bswCgYIKoZIzj0EAwIw
FDESMBAGA1UEAwwJMTI3LjAuMC4xMCAXDTI2MTEyOTA4MTY0NVoYDzIxMjYxMTA1
MDgxNjQ1WjAUMRIwEAYDVQQDDAkxMjcuMC4wLjEwWTATBgcqhkjOPQIBBggqhkjO
PQMBBwNCAARlSF1F9wN7mevQWRAsGJC8umgVgP6OjxdGlfcluS3ifiByaH36pxAZ
mAUXVOFvM5VHkW1FStDPB+u415ZgDNlro2QwYjAdBgNVHQ4EFgQUl2SAroTMc2vT
9XUS9YPMcC09pnwwHwYDVR0jBBgwFoAUl2SAroTMc2vT9XUS9YPMcC09pnwwDwYD
VR0TAQH/BAUwAwEB/zAPBgNVHREECDAGhwR/AAABMAoGCCqGSM49BAMCA0cAMEQC
IHjyYFuU2Uqk7px6Z80jVxnrPOOXuy5J78Z7Zf9afM8OAiAcZbkzjTCMXof9RQqA
+rEQEyMc2QjhP3wPhGEiif9K0Q==
-----END CERTIFICATE-----`,
};

type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;

const servers: Server[] = [];
const clients: NodeHttpFetch[] = [];
afterEach(() => {
  for (const c of clients.splice(0)) c.close();
  for (const s of servers.splice(0)) s.close();
});

async function serve(handler: Handler): Promise<{ url: string; server: Server; connections: () => number }> {
  let connections = 0;
  const server = createServer((req, res) => {
    let body = "";
    req.setEncoding("utf8").on("data", (c: string) => (body += c));
    req.on("end", () => handler(req, body, res));
  });
  server.on("connection", () => connections++);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server, connections: () => connections };
}

function client(fallback?: typeof fetch): typeof fetch {
  const c = createNodeHttpFetch(fallback);
  clients.push(c);
  return c.fetch;
}

describe("createNodeHttpFetch", () => {
  it("sends method, headers and body, and answers with a Response", async () => {
    const seen: Array<{ method?: string; type?: string; experiment?: string | string[]; length?: string; body: string }> = [];
    const { url } = await serve((req, body, res) => {
      seen.push({ method: req.method, type: req.headers["content-type"], experiment: req.headers["x-mlflow-experiment-id"], length: req.headers["content-length"], body });
      res.writeHead(201, { "content-type": "application/json", "retry-after": "3" }).end('{"ok":"é"}');
    });
    const f = client();
    const body = '{"name":"ünïcode"}';
    const res = await f(`${url}/v1/traces`, { method: "POST", headers: { "Content-Type": "application/json", "x-mlflow-experiment-id": "7" }, body });
    expect(res).toBeInstanceOf(Response);
    expect([res.status, res.ok, res.headers.get("retry-after")]).toEqual([201, true, "3"]);
    expect(await res.json()).toEqual({ ok: "é" });
    expect(seen).toEqual([{ method: "POST", type: "application/json", experiment: "7", length: String(Buffer.byteLength(body)), body }]);
  });

  it("reuses one connection across requests", async () => {
    const { url, connections } = await serve((_req, _body, res) => res.end("ok"));
    const f = client();
    for (let i = 0; i < 3; i++) expect(await (await f(url, { method: "POST", body: new TextEncoder().encode(`n${i}`) })).text()).toBe("ok");
    expect(connections()).toBe(1);
  });

  it("gives a non-2xx answer back as a Response, and a 204 with no body", async () => {
    const { url } = await serve((req, _body, res) => (req.url === "/none" ? res.writeHead(204).end() : res.writeHead(503).end('{"message":"busy"}')));
    const f = client();
    const busy = await f(url);
    expect([busy.status, busy.ok, await busy.text()]).toEqual([503, false, '{"message":"busy"}']);
    const none = await f(`${url}/none`);
    expect([none.status, await none.text()]).toEqual([204, ""]);
  });

  it("rejects as fetch does when nobody listens: a TypeError whose cause names the socket error", async () => {
    const { url, server } = await serve(() => undefined);
    await new Promise((resolve) => server.close(resolve));
    const error = await client()(url).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as Error).message).toMatch(/ECONNREFUSED/);
  });

  it("aborts on the signal (a timeout) with the signal's reason, and the server sees the connection go", async () => {
    let closed = false;
    const { url } = await serve((req) => req.socket.on("close", () => (closed = true))); // never answers
    const error = await client()(url, { method: "POST", body: "x", signal: AbortSignal.timeout(100) }).catch((e: unknown) => e);
    expect((error as DOMException).name).toBe("TimeoutError");
    await expect.poll(() => closed).toBe(true);
    const already = AbortSignal.abort(new Error("stop"));
    await expect(client()(url, { signal: already })).rejects.toThrow("stop");
  });

  it("sends a request again, once, when a reused keep-alive socket turns out closed", async () => {
    let requests = 0;
    const { url } = await serve((req, _body, res) => {
      requests++;
      if (requests === 2) req.socket.destroy(); // the server drops the idle connection just as it is reused
      else res.end("ok");
    });
    const f = client();
    expect(await (await f(url)).text()).toBe("ok");
    expect(await (await f(url)).text()).toBe("ok");
    expect(requests).toBe(3);
  });

  it("leaves what it does not handle to the fallback: Request objects, other bodies, redirects", async () => {
    const { url } = await serve((req, _body, res) => (req.url === "/moved" ? res.writeHead(307, { location: "/here" }).end() : res.end("direct")));
    const fallbackCalls: string[] = [];
    const fallback = (async (input: RequestInfo | URL) => {
      fallbackCalls.push(input instanceof Request ? `Request ${input.url}` : String(input));
      return new Response("fallback");
    }) as typeof fetch;
    const f = client(fallback);
    expect(await (await f(`${url}/moved`)).text()).toBe("fallback");
    expect(await (await f(new Request(`${url}/req`))).text()).toBe("fallback");
    expect(await (await f(`${url}/blob`, { method: "POST", body: new Blob(["x"]) })).text()).toBe("fallback");
    expect(await (await f(`${url}/plain`)).text()).toBe("direct");
    expect(fallbackCalls).toEqual([`${url}/moved`, `Request ${url}/req`, `${url}/blob`]);
  });

  it("keeps no finished process alive: an idle keep-alive socket does not hold the event loop", async () => {
    const { url, server } = await serve((_req, _body, res) => res.end("ok"));
    server.on("connection", (socket) => socket.unref()); // count only the client's socket below
    const refdSockets = () => process.getActiveResourcesInfo().filter((r) => r === "TCPSocketWrap").length;
    await new Promise((resolve) => setTimeout(resolve, 100)); // earlier tests' sockets finish closing
    const before = refdSockets();
    const f = client();
    expect(await (await f(url)).text()).toBe("ok");
    await new Promise((resolve) => setImmediate(resolve));
    expect(refdSockets()).toBe(before); // the socket is still open (kept alive), but unref'd
    expect(await (await f(url)).text()).toBe("ok"); // and reused
  });

  it("speaks TLS to https URLs, verifying the certificate as fetch does", async () => {
    const server = createHttpsServer(TEST_TLS, (_req, res) => res.end("secret"));
    servers.push(server);
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const error = await client()(`https://127.0.0.1:${(server.address() as AddressInfo).port}/`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TypeError);
    expect(((error as TypeError).cause as { code?: string }).code).toBe("DEPTH_ZERO_SELF_SIGNED_CERT");
  });

  it("leaves every request to the fallback while the app proxies the global fetch", async () => {
    const { url } = await serve((_req, _body, res) => res.end("direct"));
    const f = client((async () => new Response("fallback")) as unknown as typeof fetch);
    const key = Symbol.for("undici.globalDispatcher.1");
    const g = globalThis as unknown as Record<symbol, unknown>;
    const saved = g[key];
    try {
      g[key] = new (class ProxyAgent {})();
      expect(await (await f(url)).text()).toBe("fallback");
      g[key] = new (class Agent {})(); // undici's default dispatcher
      expect(await (await f(url)).text()).toBe("direct");
      process.env.NODE_USE_ENV_PROXY = "1";
      expect(await (await f(url)).text()).toBe("fallback");
    } finally {
      g[key] = saved;
      delete process.env.NODE_USE_ENV_PROXY;
    }
  });
});
