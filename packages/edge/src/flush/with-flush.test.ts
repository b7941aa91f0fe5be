import { startSpan, withSpan } from "@kong-mlflow/core";
import { resetWarnings, runtime } from "@kong-mlflow/core/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { setLogger } from "../index";
import { captureTraces } from "../testing/capture-traces";
import { withFlush } from "./with-flush";

let capture: ReturnType<typeof captureTraces>;
let logged: string[];
beforeEach(() => {
  capture = captureTraces();
  logged = [];
  resetWarnings();
  setLogger({ warn: (m) => logged.push(m), error: (m) => logged.push(m) });
});
afterEach(() => {
  capture.restore();
  setLogger(undefined);
});

function workersContext() {
  const handed: Array<Promise<unknown>> = [];
  return { handed, ctx: { waitUntil: (p: Promise<unknown>) => void handed.push(p), passThroughOnException: () => undefined } };
}

describe("withFlush", () => {
  it("returns the response at once and exports in ctx.waitUntil (Cloudflare Workers)", async () => {
    const { handed, ctx } = workersContext();
    const handler = withFlush(async (_request: Request, _env: unknown, _ctx: typeof ctx) => withSpan({ name: "work" }, async () => new Response("ok")));
    const response = await handler(new Request("https://w/"), {}, ctx);
    expect(await response.text()).toBe("ok");
    expect(handed).toHaveLength(1);
    await handed[0];
    expect(capture.traces.map((t) => t.root.name)).toEqual(["work"]);
  });

  it("waits for a streamed body to be read before flushing, since its spans end as it is read", async () => {
    const { handed, ctx } = workersContext();
    let span: ReturnType<typeof startSpan> | undefined;
    const handler = withFlush((_request: Request, _env: unknown, _ctx: typeof ctx) => {
      span = startSpan({ name: "streamed" });
      const body = new ReadableStream<Uint8Array>({
        pull(controller) {
          controller.enqueue(new TextEncoder().encode("chunk"));
          controller.close();
          span!.end(); // the last chunk was handed out
        },
      });
      return new Response(body, { status: 201, headers: { "x-kept": "yes" } });
    });
    const response = await handler(new Request("https://w/"), {}, ctx);
    expect([response.status, response.headers.get("x-kept")]).toEqual([201, "yes"]);
    let settled = false;
    void handed[0]!.then(() => (settled = true));
    await new Promise((r) => setTimeout(r, 20));
    expect(settled).toBe(false); // nobody read the body yet
    expect(await response.text()).toBe("chunk");
    await handed[0];
    expect(capture.traces.map((t) => t.root.name)).toEqual(["streamed"]);
  });

  it("passes a response it cannot follow through as it is, and still flushes", async () => {
    const { handed, ctx } = workersContext();
    const locked = new Response("already read");
    locked.body!.getReader(); // a locked body cannot be followed
    const empty = new Response(null, { status: 204 });
    for (const returned of [locked, empty]) {
      const handler = withFlush(async (_request: Request, _env: unknown, _ctx: typeof ctx) => returned);
      expect(await handler(new Request("https://w/"), {}, ctx)).toBe(returned);
    }
    await Promise.all(handed);
    expect(handed).toHaveLength(2);
  });

  it("rethrows what the handler throws, and still flushes", async () => {
    const { handed, ctx } = workersContext();
    const boom = new Error("boom");
    const handler = withFlush(async (_request: Request, _env: unknown, _ctx: typeof ctx) =>
      withSpan({ name: "failing" }, async () => {
        throw boom;
      }),
    );
    await expect(handler(new Request("https://w/"), {}, ctx)).rejects.toBe(boom);
    await handed[0];
    expect(capture.traces.map((t) => t.root.status.code)).toEqual(["STATUS_CODE_ERROR"]);
  });

  it("finds Vercel's waitUntil in the context argument or the request context", async () => {
    const handed: Array<Promise<unknown>> = [];
    const vercel = withFlush(async (_request: Request, _context: { waitUntil(p: Promise<unknown>): void }) => new Response("v"));
    await vercel(new Request("https://v/"), { waitUntil: (p) => void handed.push(p) });
    expect(handed).toHaveLength(1);
    const key = Symbol.for("@vercel/request-context");
    (globalThis as Record<symbol, unknown>)[key] = { get: () => ({ waitUntil: (p: Promise<unknown>) => void handed.push(p) }) };
    try {
      await withFlush(async () => new Response("v"))(new Request("https://v/"));
      expect(handed).toHaveLength(2);
    } finally {
      delete (globalThis as Record<symbol, unknown>)[key];
    }
  });

  it("warns once when there is no waitUntil", async () => {
    const bare = withFlush(async () => new Response("x"));
    await bare(new Request("https://x/"));
    await bare(new Request("https://x/"));
    expect(logged.filter((m) => m.includes("found no waitUntil"))).toHaveLength(1);
  });

  it("calls init once per isolate with the env, and goes on untraced when it fails", async () => {
    const { ctx } = workersContext();
    const envs: unknown[] = [];
    const handler = withFlush(async (_request: Request, _env: { URI: string }, _ctx: typeof ctx) => new Response("ok"), {
      init: (env) => {
        envs.push(env);
        return { trackingUri: env.URI };
      },
    });
    const pipeline = runtime().pipeline;
    const res = await handler(new Request("https://w/"), { URI: "not a url" }, ctx);
    await handler(new Request("https://w/"), { URI: "not a url" }, ctx);
    expect(res.status).toBe(200);
    expect(envs).toEqual([{ URI: "not a url" }]);
    expect(logged.some((m) => m.startsWith('withFlush: tracing is off, init() failed: trackingUri: "not a url" is not a valid URL'))).toBe(true);
    expect(runtime().pipeline).toBe(pipeline);
  });
});
