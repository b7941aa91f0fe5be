/** Hands a promise to the runtime so it may finish after the response was sent. */
export type WaitUntil = (promise: Promise<unknown>) => void;

type Host = { waitUntil?: WaitUntil } | null | undefined;

/** `host.waitUntil`, bound to `host`, when it is a function. */
function waitUntilOf(host: Host): WaitUntil | undefined {
  return typeof host?.waitUntil === "function" ? (promise) => host.waitUntil!(promise) : undefined;
}

/**
 * The runtime's `waitUntil` for this request: from the handler's arguments
 * (Cloudflare Workers' `ctx`, Vercel Edge's `context`, Next.js middleware's
 * `event`), else from Vercel's request context (what `@vercel/functions`'
 * `waitUntil` reads). Undefined when there is none.
 */
export function findWaitUntil(args: readonly unknown[]): WaitUntil | undefined {
  for (const arg of args) {
    const found = waitUntilOf(arg as Host);
    if (found) return found;
  }
  return waitUntilOf((globalThis as { [key: symbol]: { get?: () => Host } | undefined })[Symbol.for("@vercel/request-context")]?.get?.());
}
