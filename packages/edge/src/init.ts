import { ConfigurationError, type TracingOptions, init as coreInit } from "@kong-mlflow/core";
import { installPipeline, resolveOptions } from "@kong-mlflow/core/internal";
import { keepaliveFetch } from "./browser/keepalive-fetch";
import { installPageLifecycle, isBrowserPage } from "./browser/page-lifecycle";
import type { RelayTransport } from "./relay/relay-transport";

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

/**
 * Sends traces to the trace relay at `relayUrl`, naming the experiment the
 * page asked for (the relay picks its default when none is given).
 */
function initRelay(relayUrl: string, headers: Record<string, string>, options: TracingOptions): void {
  const { trackingUri, experimentId, experimentName } = options;
  if (trackingUri !== undefined) throw new ConfigurationError("relayUrl", "give relayUrl or trackingUri, not both.");
  // relative to the page, if any
  const base = (globalThis as { location?: { href?: string } }).location?.href;
  let url: URL;
  try {
    url = new URL(relayUrl, base);
  } catch {
    throw new ConfigurationError("relayUrl", `"${relayUrl}" is not a valid URL${base ? "" : " (a relative one needs a page)"}.`);
  }
  // At most one of the two (JSON leaves out an undefined name).
  const experiment = experimentId !== undefined ? { experimentId } : { experimentName };
  // The relay's origin stands in for the tracking URI: nothing here talks to MLflow.
  const resolved = resolveOptions({ ...options, trackingUri: url.origin, experimentId: experimentId ?? "0" });
  const relay = { url: url.href, headers, fetch: resolved.fetch };
  // The relay transport loads on demand, with the export pipeline (ADR 0011).
  let transport: Promise<RelayTransport> | undefined;
  let loaded: RelayTransport | undefined;
  const load = () =>
    (transport ??= import("./relay/relay-transport").then(
      ({ RelayTransport }) => (loaded = new RelayTransport({ ...relay, experiment, requestTimeoutMs: resolved.requestTimeoutMs })),
      (error: unknown) => {
        transport = undefined; // tried again with the next batch
        throw error;
      },
    ));
  // logFeedback / logExpectation go through the relay too: the page never talks to MLflow.
  installPipeline(
    resolved,
    () => ({
      transport: {
        // `getExportDiagnostics().transport` says "relay" once the code is here
        get name() {
          return loaded?.name;
        },
        prepare: () => void load().catch(() => undefined),
        send: (traces) => load().then((t) => t.send(traces)),
      },
      experimentId: async () => experimentId ?? "",
    }),
    relay,
  );
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
  const { relayUrl, relayHeaders = {}, flushOnPageHide, ...core } = options;
  if (browser || relayUrl !== undefined) {
    // trackingServerUsername, trackingServerPassword, trackingServerToken
    const credential = Object.keys(core).find((key) => key.startsWith("trackingServer") && core[key as keyof TracingOptions] !== undefined);
    if (credential) throw new ConfigurationError(credential, "keep MLflow credentials on your server: browsers must not hold them, relays need none.");
  }
  // (a page always has fetch, and calls it unbound)
  if (browser) core.fetch = keepaliveFetch(core.fetch ?? fetch);
  // the core init clears a relay set before
  if (relayUrl === undefined) coreInit(core);
  else initRelay(relayUrl, relayHeaders, core);
  if (browser && flushOnPageHide !== false) installPageLifecycle();
}
