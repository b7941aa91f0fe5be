import type { AsyncLocalStorageClass } from "./async-local-storage-context-manager";

type Host = {
  AsyncLocalStorage?: unknown;
  process?: { getBuiltinModule?: (id: string) => { AsyncLocalStorage?: unknown } | undefined };
};

/**
 * The runtime's own AsyncLocalStorage, found without importing anything
 * (an import of `node:async_hooks` would break browser bundles):
 * - `globalThis.AsyncLocalStorage`: Vercel Edge, Next.js edge routes;
 * - `process.getBuiltinModule("node:async_hooks")`: Cloudflare workerd with
 *   `nodejs_compat`, Deno, Bun, Node 20.16+.
 * Undefined in browsers and in workerd without `nodejs_compat` (pass the
 * class to `useAsyncLocalStorage` there, e.g. under `nodejs_als`).
 */
export function findAsyncLocalStorage(host: Host = globalThis as Host): AsyncLocalStorageClass | undefined {
  let found = host.AsyncLocalStorage;
  if (typeof found !== "function") {
    try {
      found = host.process?.getBuiltinModule?.("node:async_hooks")?.AsyncLocalStorage;
    } catch {
      // a runtime may throw for unknown builtins: no AsyncLocalStorage then
    }
  }
  return typeof found === "function" ? (found as AsyncLocalStorageClass) : undefined;
}
