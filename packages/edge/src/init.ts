import { ConfigurationError, type TracingOptions, init as coreInit } from "@kong-mlflow/core";
import { installPipeline, resolveOptions, runtime } from "@kong-mlflow/core/internal";
import { keepaliveFetch } from "./browser/keepalive-fetch";
import { installPageLifecycle, isBrowserPage } from "./browser/page-lifecycle";
import { RelayTransport } from "./relay/relay-transport";

/** Options of the edge `init()`: the core options plus the browser's relay and page handling. */
export interface EdgeTracingOptions extends TracingOptions {
  /**
   * Send traces to your trace relay (`createTraceRelay` on your own server)
   * instead of to MLflow, e.g. `"/api/traces"` (relative to the page). The
   * relay holds the MLflow credentials; the browser holds none. With a
   * relay, `experimentId` / `experimentName` pick one of the experiments the
   * relay allows, and `trackingUri` must not be set.
   */
  relayUrl?: string;
  /** Extra headers on relay requests (e.g. a CSRF token). Custom headers make cross-origin posts need a CORS preflight. */
  relayHeaders?: Record<string, string>;
  /**
   * In a browser page: flush when the page is hidden or left, and when it is
   * closed end spans still open (marked `kong.unfinished`) so their traces
   * go out too; exports use `keepalive`. Default true in browsers.
   */
  flushOnPageHide?: boolean;
}

const CREDENTIALS = ["trackingServerUsername", "trackingServerPassword", "trackingServerToken"] as const;

function refuseCredentials(options: EdgeTracingOptions, why: string): void {
  for (const key of CREDENTIALS) {
    if (options[key] !== undefined) throw new ConfigurationError(key, `${why} Put the credentials on your server and point init({ relayUrl }) at a trace relay there.`);
  }
}

function absoluteUrl(url: string): string {
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  try {
    return new URL(url, base).href;
  } catch {
    throw new ConfigurationError("relayUrl", `"${url}" is not a valid URL${base ? "" : " (relative URLs need a page to resolve against)"}.`);
  }
}

function initRelay(options: EdgeTracingOptions, fetchImpl: typeof fetch): void {
  const { relayUrl, relayHeaders = {}, flushOnPageHide: _, ...rest } = options;
  if (rest.trackingUri !== undefined) throw new ConfigurationError("relayUrl", "give relayUrl or trackingUri, not both: with a relay, only the relay talks to MLflow.");
  const url = absoluteUrl(relayUrl!);
  const experiment = rest.experimentId !== undefined ? { experimentId: rest.experimentId } : rest.experimentName !== undefined ? { experimentName: rest.experimentName } : {};
  // The relay's origin stands in for the tracking URI: nothing here talks to MLflow.
  const resolved = resolveOptions({ ...rest, trackingUri: new URL(url).origin, experimentId: rest.experimentId ?? "0", fetch: fetchImpl });
  // logFeedback / logExpectation go through the relay too: the page never talks to MLflow.
  runtime().relay = { url, headers: relayHeaders, fetch: fetchImpl };
  installPipeline(resolved, () => ({
    transport: new RelayTransport({ url, experiment, headers: relayHeaders, requestTimeoutMs: resolved.requestTimeoutMs, fetch: resolved.fetch }),
    experimentId: async () => experiment.experimentId ?? "",
  }));
}

/**
 * Configures tracing in an edge runtime or a browser page.
 *
 * - **Cloudflare Workers, Vercel Edge**: as the core `init` (MLflow URL,
 *   experiment, credentials from options or `process.env`); wrap your fetch
 *   handler in `withFlush` so the export runs in `waitUntil`.
 * - **Browsers**: `init({ relayUrl: "/api/traces", experimentName })` sends
 *   traces to your relay, which holds the credentials, and `logFeedback` /
 *   `logExpectation` go through it as well. `init({ trackingUri })`
 *   talks to MLflow directly, which needs the page's origin in MLflow's
 *   `--cors-allowed-origins` and an MLflow without auth: a browser never
 *   holds MLflow credentials, and passing any throws. Exports use
 *   `keepalive` and flush when the page is hidden or closed.
 *
 * A malformed setting throws a `ConfigurationError` naming it.
 *
 * @example
 * init({ relayUrl: "/api/traces", experimentName: "chat-ui" });
 */
export function init(options: EdgeTracingOptions = {}): void {
  const browser = isBrowserPage();
  const baseFetch = options.fetch ?? (typeof fetch === "function" ? fetch.bind(globalThis) : undefined);
  const fetchImpl = browser && baseFetch ? keepaliveFetch(baseFetch) : baseFetch;
  if (options.relayUrl !== undefined) {
    refuseCredentials(options, "a browser must never hold MLflow credentials, and with a relay it needs none.");
    initRelay(options, fetchImpl!);
  } else {
    if (browser) refuseCredentials(options, "a browser must never hold MLflow credentials.");
    const { relayHeaders: _h, flushOnPageHide: _f, ...core } = options;
    coreInit({ ...core, ...(fetchImpl ? { fetch: fetchImpl } : {}) });
    runtime().relay = undefined;
  }
  if (browser && options.flushOnPageHide !== false) installPageLifecycle();
}
