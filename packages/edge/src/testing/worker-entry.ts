import OpenAI from "openai";
import { SpanType, getCurrentActiveSpan, kongGateway, spansFollowAwait, trace, tracedOpenAI, updateCurrentTrace, withFlush, withSpan } from "../index";
import { runScenarios } from "./scenarios";

/** The bindings the workerd tests give the worker. */
interface Env {
  KONG_URL: string;
  MLFLOW_TRACKING_URI: string;
  EXPERIMENT: string;
  RUN_ID: string;
  RUNTIME: string;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** One request of the interleaving test: a root, an await, then a child started without a parent. */
const handleRequest = trace({ name: "worker-request", spanType: SpanType.CHAIN }, async (n: number, delayMs: number, env: Env) => {
  updateCurrentTrace({ tags: { run: env.RUN_ID, runtime: env.RUNTIME, scenario: "worker-interleaved", n: String(n) } });
  const root = getCurrentActiveSpan()!;
  await sleep(delayMs);
  const child = await withSpan({ name: `after-await-${n}` }, async (span) => {
    await sleep(1);
    return { traceId: span.traceId, spanId: span.spanId };
  });
  return { n, root: { traceId: root.traceId, spanId: root.spanId }, child };
});

/**
 * The worker of the workerd tests. Every route but `/unflushed` is wrapped in
 * withFlush, so traces are exported in ctx.waitUntil after the response was sent.
 */
const flushed = withFlush(
  async (request: Request, env: Env, _ctx: ExecutionContextLike) => {
    const url = new URL(request.url);
    if (url.pathname === "/scenarios") {
      return Response.json(await runScenarios({ kongUrl: env.KONG_URL, runId: env.RUN_ID, runtime: env.RUNTIME }));
    }
    if (url.pathname === "/interleaved") {
      const n = Number(url.searchParams.get("n"));
      return Response.json({ ...(await handleRequest(n, Number(url.searchParams.get("delay")), env)), followsAwait: spansFollowAwait() });
    }
    if (url.pathname === "/stream-body") {
      // The span of the LLM call ends only when the runtime has sent the whole body to the client.
      const client = tracedOpenAI(new OpenAI({ ...kongGateway({ url: env.KONG_URL, routePath: "/v1" }).clientOptions, maxRetries: 0 }));
      const stream = await client.chat.completions.create(
        { model: "gpt-4o", messages: [{ role: "user", content: `stream body ${env.RUN_ID}` }], stream: true },
        { headers: { "x-standin-scenario": "slow-stream", "x-standin-chunk-delay-ms": "20" } },
      );
      return new Response(stream.toReadableStream(), { headers: { "content-type": "text/event-stream" } });
    }
    return new Response("not found", { status: 404 });
  },
  { init: (env: Env) => ({ trackingUri: env.MLFLOW_TRACKING_URI, experimentName: env.EXPERIMENT }) },
);

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContextLike): Promise<Response> {
    if (new URL(request.url).pathname !== "/unflushed") return flushed(request, env, ctx);
    // The control: the same kind of trace, but nothing hands the export to waitUntil.
    const traceId = await withSpan({ name: "unflushed" }, async (span) => {
      await sleep(1);
      return span.traceId;
    });
    return new Response(traceId);
  },
};

/** The part of Cloudflare's ExecutionContext the worker uses. */
interface ExecutionContextLike {
  waitUntil(promise: Promise<unknown>): void;
}
