import { logger, runtime, warnOnce } from "@kong-mlflow/core/internal";
import { type EdgeTracingOptions, init } from "../init";
import { type WaitUntil, findWaitUntil } from "./find-wait-until";
import { trackBody } from "./track-body";

/** Options of {@link withFlush}. */
export interface WithFlushOptions<Env = unknown> {
  /**
   * Options for `init()`, built from the first request's `env` (where
   * Cloudflare Workers put secrets and vars). Called once per isolate; return
   * undefined to skip. A bad setting is logged, and requests go on untraced.
   */
  init?: (env: Env, request: Request) => EdgeTracingOptions | undefined;
  /** Where to hand the export. Default: found in the handler's arguments or Vercel's request context. */
  waitUntil?: WaitUntil;
  /** The longest the export may run after the response, in ms. Default 10000. */
  flushTimeoutMs?: number;
}

async function flushAfter(done: Promise<void> | undefined, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  await done;
  // Spans of a streamed body end as its last chunk is read: give them a task to finish, then
  // flush until nothing is left (a trace may finish while the previous flush runs).
  for (let round = 0; round < 3; round++) {
    await new Promise((resolve) => setTimeout(resolve, 0)); // the next task
    const left = deadline - Date.now();
    // the pipeline's flush says whether it left nothing queued or in flight
    if (left <= 0 || (await runtime().pipeline?.flush(left)) !== false) return;
  }
}

/**
 * Wraps a fetch handler, `(request, env, ctx) => Response` (Cloudflare
 * Workers) or `(request, context) => Response` (Vercel Edge), so the traces
 * it produced are exported after the response is sent, inside the
 * runtime's `waitUntil`: nothing is lost when the isolate freezes after the
 * response, and the response never waits for MLflow. A streamed body is
 * followed to its end first, since its spans end as it is read. What the
 * handler returns or throws reaches the runtime unchanged (a body is passed
 * through a stream that watches for its end).
 *
 * @example
 * export default {
 *   fetch: withFlush(async (request, env, ctx) => {
 *     const client = tracedOpenAI(new OpenAI(kongGateway({ url: env.KONG_URL }).clientOptions));
 *     ...
 *   }, { init: (env) => ({ trackingUri: env.MLFLOW_TRACKING_URI, experimentId: env.MLFLOW_EXPERIMENT_ID }) }),
 * };
 */
export function withFlush<A extends unknown[], E = A extends [infer First, ...unknown[]] ? First : unknown>(
  handler: (request: Request, ...rest: A) => Response | Promise<Response>,
  options: WithFlushOptions<E> = {},
): (request: Request, ...rest: A) => Promise<Response> {
  let initialized = false;
  const timeoutMs = options.flushTimeoutMs ?? 10_000;
  return async (request, ...rest) => {
    if (options.init && !initialized) {
      initialized = true;
      try {
        const initOptions = options.init(rest[0] as E, request);
        if (initOptions) init(initOptions);
      } catch (error) {
        logger().error(`withFlush: tracing is off, init() failed: ${String((error as Error)?.message ?? error)}`);
      }
    }
    const waitUntil = options.waitUntil ?? findWaitUntil(rest);
    let done: Promise<void> | undefined;
    try {
      let response: Response;
      [response, done] = trackBody(await handler(request, ...rest));
      return response;
    } finally {
      const work = flushAfter(done, timeoutMs).catch(() => undefined);
      if (waitUntil) waitUntil(work);
      else warnOnce("edge:no-wait-until", "withFlush found no waitUntil: traces may be lost after the response; pass { waitUntil }.");
    }
  };
}
