/** Hands a promise to the runtime so it may finish after the response was sent. */
export type WaitUntil = (promise: Promise<unknown>) => void;

type WithWaitUntil = { waitUntil: (promise: Promise<unknown>) => void };

function hasWaitUntil(value: unknown): value is WithWaitUntil {
  return typeof value === "object" && value !== null && typeof (value as WithWaitUntil).waitUntil === "function";
}

/**
 * The runtime's `waitUntil` for this request: from the handler's arguments
 * (Cloudflare Workers' `ctx`, Vercel Edge's `context`, Next.js middleware's
 * `event`), else from Vercel's request context (what `@vercel/functions`'
 * `waitUntil` reads). Undefined when there is none.
 */
export function findWaitUntil(args: readonly unknown[]): WaitUntil | undefined {
  for (const arg of args) if (hasWaitUntil(arg)) return (promise) => arg.waitUntil(promise);
  const vercel = (globalThis as { [key: symbol]: { get?: () => unknown } | undefined })[Symbol.for("@vercel/request-context")]?.get?.();
  if (hasWaitUntil(vercel)) return (promise) => vercel.waitUntil(promise);
  return undefined;
}
