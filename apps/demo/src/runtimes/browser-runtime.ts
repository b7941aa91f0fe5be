import { existsSync } from "node:fs";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { createTraceRelay, kongGateway, toNodeHandler } from "@kong-mlflow/node";
import { build } from "esbuild";
import { type Browser, type Page, chromium } from "playwright-core";
import type { ScenarioId } from "../scenarios/catalog";
import type { RuntimeTargets, ScenarioRun, ScenarioRuntime } from "./scenario-runtime";

/** The Chromium the browser runtime drives: $CHROMIUM_PATH, else Debian's /usr/bin/chromium. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

function pageEntry(): string {
  for (const candidate of ["../scenarios/browser/demo-page.ts", "../src/scenarios/browser/demo-page.ts"]) {
    const path = fileURLToPath(new URL(candidate, import.meta.url));
    if (existsSync(path)) return path;
  }
  throw new Error("apps/demo/src/scenarios/browser/demo-page.ts not found");
}

async function bundlePage(): Promise<string> {
  const result = await build({ entryPoints: [pageEntry()], bundle: true, write: false, format: "esm", platform: "browser", target: "es2022", logLevel: "silent" });
  return result.outputFiles[0]!.text;
}

const HOP_BY_HOP = new Set(["host", "connection", "content-length", "content-encoding", "transfer-encoding", "keep-alive"]);

/** Forwards `/kong/...` to Kong's AI route, adding the consumer key here, on the server, never in the page. */
async function proxyToKong(req: IncomingMessage, res: ServerResponse, baseURL: string, extra: Record<string, string>): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers = new Headers();
  for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string" && !HOP_BY_HOP.has(k)) headers.set(k, v);
  for (const [k, v] of Object.entries(extra)) headers.set(k, v);
  const upstream = await fetch(baseURL + req.url!.slice("/kong".length), { method: req.method, headers, body: chunks.length ? Buffer.concat(chunks) : undefined });
  const out: Record<string, string> = {};
  upstream.headers.forEach((v, k) => {
    if (!HOP_BY_HOP.has(k)) out[k] = v;
  });
  res.writeHead(upstream.status, out);
  if (upstream.body) Readable.fromWeb(upstream.body as import("node:stream/web").ReadableStream).pipe(res);
  else res.end();
}

/**
 * Runs the guide's scenarios in a page in headless Chromium, with
 * `@kong-mlflow/edge`: the page posts its traces to a trace relay
 * (`createTraceRelay`) on the same origin, which forwards them to MLflow,
 * and reaches Kong through that origin too.
 */
export function browserRuntime(): ScenarioRuntime {
  let server: Server | undefined;
  let browser: Browser | undefined;
  let page: Page | undefined;
  return {
    name: "browser",
    scenarios: ["basic", "traced-function", "streaming"],
    async start(targets: RuntimeTargets) {
      if (!existsSync(chromiumPath())) throw new Error(`the browser runtime needs Chromium at ${chromiumPath()}: install it (apt-get install -y chromium), set CHROMIUM_PATH, or run with --runtime node,edge.`);
      const script = await bundlePage();
      const relay = toNodeHandler(createTraceRelay({ trackingUri: targets.trackingUri, experimentNames: [targets.experimentName] }));
      const kong = kongGateway({ url: targets.gatewayUrl }).clientOptions;
      const kongHeaders = { ...kong.defaultHeaders, ...(kong.apiKey ? { authorization: `Bearer ${kong.apiKey}` } : {}) };
      server = createServer((req, res) => {
        const url = req.url ?? "/";
        if (url === "/") return void res.writeHead(200, { "content-type": "text/html" }).end('<!doctype html><title>kong-mlflow demo</title><script type="module" src="/page.js"></script>');
        if (url === "/page.js") return void res.writeHead(200, { "content-type": "text/javascript" }).end(script);
        if (url === "/api/traces") return void relay(req, res);
        if (url.startsWith("/kong/")) {
          return void proxyToKong(req, res, kong.baseURL, kongHeaders).catch((e: Error) => {
            if (!res.headersSent) res.writeHead(502).end(e.message);
            else res.destroy();
          });
        }
        res.writeHead(404).end();
      });
      await new Promise<void>((resolve) => server!.listen(0, "127.0.0.1", resolve));
      browser = await chromium.launch({ executablePath: chromiumPath(), args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking"] });
      page = await browser.newPage();
      await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/`);
      await page.waitForFunction(() => typeof (globalThis as { runScenario?: unknown }).runScenario === "function");
    },
    async run(id: ScenarioId): Promise<ScenarioRun> {
      if (!page) throw new Error("the browser runtime was not started");
      const { answer, traceId } = await page.evaluate((scenario) => (globalThis as unknown as { runScenario(s: string): Promise<{ answer: string | null; traceId?: string }> }).runScenario(scenario), id);
      console.log(answer);
      if (!traceId) throw new Error(`scenario ${id} finished without a trace in the page`);
      return { traceId };
    },
    async stop() {
      await browser?.close().catch(() => undefined);
      browser = undefined;
      page = undefined;
      if (server) {
        server.closeAllConnections();
        await new Promise<void>((resolve) => server!.close(() => resolve()));
        server = undefined;
      }
    },
  };
}
