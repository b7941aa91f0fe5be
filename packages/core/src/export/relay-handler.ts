import { resolveOptions } from "../config/resolve-options";
import { ConfigurationError } from "../errors";
import { warnOnce } from "../diagnostics/logger";
import type { SerializeLimits } from "../serialize";
import type { TransportMode } from "./choose-transport";
import { chooseTransport } from "./choose-transport";
import { resolveExperimentId } from "./experiment-resolver";
import { LazyTransport } from "./lazy-transport";
import type { MlflowHttpConfig } from "./mlflow-http";
import { ASSESSMENT_RELAY_FORMAT, decodeAssessmentPayload, forwardAssessment } from "./relay-assessment";
import { readBodyCapped } from "./relay-body";
import { originDecision, preflightHeaders } from "./relay-cors";
import { type RelayLimits, RelayPayloadError, decodeRelayPayload, resolveRelayLimits } from "./relay-decode";
import { isRetryable } from "./retry-policy";

/** Options of {@link createTraceRelay}. */
export interface TraceRelayOptions {
  /** The MLflow server traces go to. Env: `MLFLOW_TRACKING_URI`. */
  trackingUri?: string;
  /**
   * Experiments browsers may write to, by id. A payload naming any other
   * experiment is refused (403). Without a choice in the payload, the first
   * of `experimentIds`, else of `experimentNames`, is used.
   */
  experimentIds?: string[];
  /** Experiments browsers may write to, by name (created when missing). */
  experimentNames?: string[];
  /** Basic auth user, held by the relay only. Env: `MLFLOW_TRACKING_USERNAME`. */
  trackingServerUsername?: string;
  /** Basic auth password. Env: `MLFLOW_TRACKING_PASSWORD`. */
  trackingServerPassword?: string;
  /** Bearer token. Env: `MLFLOW_TRACKING_TOKEN`. */
  trackingServerToken?: string;
  /** Which MLflow endpoint to forward to, as in `init()`. Default `auto`. */
  transport?: TransportMode;
  /** Per-request timeout towards MLflow, in ms. Default 30000. */
  requestTimeoutMs?: number;
  /** Size bounds of what the relay accepts. */
  limits?: RelayLimits;
  /** Caps re-applied to span inputs and outputs. */
  serialize?: SerializeLimits;
  /**
   * Page origins allowed to post from another origin, e.g.
   * `["https://app.example.com"]`; `"*"` allows any. Requests without an
   * `Origin` header and same-origin requests are always served.
   */
  allowedOrigins?: string[];
  /** The fetch to reach MLflow with. Default: the global fetch. */
  fetch?: typeof fetch;
}

/** A trace relay: a fetch-style handler for one route of your own server. */
export type TraceRelay = (request: Request) => Promise<Response>;

function json(status: number, body: Record<string, unknown>, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", "Cache-Control": "no-store", ...headers } });
}

/**
 * A handler for a route of your own server that takes trace payloads from
 * the browser (`init({ relayUrl })` in `@kong-mlflow/edge`) and forwards them
 * to MLflow with credentials only the server holds. The same route takes
 * assessments (`relayAssessmentSink`), on traces of allowed experiments only. It refuses, with a 4xx
 * and a message naming the problem and without forwarding anything:
 * bodies over `limits.maxBodyBytes` (413), anything but JSON or text (415),
 * malformed or out-of-schema payloads (400), experiments off the allow-list
 * and foreign origins (403). MLflow failures answer 502 (worth retrying) or
 * 422 (MLflow refused the request).
 *
 * Works as-is in edge runtimes (`export default { fetch: relay }`) and in
 * Node through `toNodeHandler` from `@kong-mlflow/node`.
 *
 * @example
 * const relay = createTraceRelay({ experimentNames: ["chat-ui"] });
 * // Cloudflare Worker / Vercel route: return relay(request);
 */
export function createTraceRelay(options: TraceRelayOptions): TraceRelay {
  const ids = options.experimentIds ?? [];
  const names = options.experimentNames ?? [];
  if (ids.length === 0 && names.length === 0) {
    throw new ConfigurationError("experimentIds / experimentNames", "a trace relay needs an allow-list: name at least one experiment browsers may write to.");
  }
  const resolved = resolveOptions({ ...options, experimentId: ids[0] ?? "0", serialize: undefined, enabled: true });
  const http: MlflowHttpConfig = { trackingUri: resolved.trackingUri, headers: resolved.headers, requestTimeoutMs: resolved.requestTimeoutMs, fetch: resolved.fetch };
  const transport = new LazyTransport(() => chooseTransport(http, resolved.transport));
  const limits = resolveRelayLimits(options.limits);
  const allowedOrigins = options.allowedOrigins ?? [];
  const byName = new Map<string, Promise<string>>();
  const idOfName = (name: string) => {
    let id = byName.get(name);
    if (!id) {
      id = resolveExperimentId(http, name);
      id.catch(() => byName.delete(name));
      byName.set(name, id);
    }
    return id;
  };

  const allowedIds = async () => [...ids, ...(await Promise.all(names.map(idOfName)))];

  return async (request) => {
    const origin = originDecision(request, allowedOrigins);
    if (!origin.allowed) return json(403, { error: `origin ${origin.origin} may not post traces to this relay; add it to allowedOrigins.` }, origin.headers);
    const cors = origin.headers;
    if (request.method === "OPTIONS") return new Response(null, { status: 204, headers: { ...cors, ...preflightHeaders(request) } });
    if (request.method !== "POST") return json(405, { error: `${request.method} is not supported; post trace payloads.` }, { ...cors, Allow: "POST, OPTIONS" });
    const type = (request.headers.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
    if (type !== "" && type !== "application/json" && type !== "text/plain") {
      return json(415, { error: `content type "${type}" is not accepted; send JSON as application/json or text/plain.` }, cors);
    }

    let experimentId: string;
    let payload: ReturnType<typeof decodeRelayPayload>;
    try {
      const text = await readBodyCapped(request, limits.maxBodyBytes);
      let parsed: unknown;
      try {
        parsed = JSON.parse(text);
      } catch (error) {
        throw new RelayPayloadError(400, `the payload is not JSON (${(error as Error).message}).`);
      }
      if (typeof parsed === "object" && parsed !== null && (parsed as { format?: unknown }).format === ASSESSMENT_RELAY_FORMAT) {
        const { traceId, assessment } = decodeAssessmentPayload(parsed as Record<string, unknown>);
        const stored = await forwardAssessment(http, allowedIds, traceId, assessment).catch((error: unknown) =>
          Promise.reject(error instanceof RelayPayloadError ? error : mlflowFailure(error)),
        );
        return json(200, { assessment: stored }, cors);
      }
      payload = decodeRelayPayload(parsed, limits, options.serialize);
      const { experimentId: askedId, experimentName: askedName } = payload;
      if (askedId !== undefined && !ids.includes(askedId)) throw new RelayPayloadError(403, `experimentId "${askedId}" is not on this relay's allow-list.`);
      if (askedName !== undefined && !names.includes(askedName)) throw new RelayPayloadError(403, `experimentName "${askedName}" is not on this relay's allow-list.`);
      const name = askedName ?? (askedId === undefined && ids.length === 0 ? names[0] : undefined);
      experimentId = name !== undefined ? await idOfName(name).catch((error: unknown) => Promise.reject(mlflowFailure(error))) : (askedId ?? ids[0]!);
    } catch (error) {
      if (error instanceof RelayPayloadError) return json(error.status, { error: error.message }, cors);
      if (error instanceof MlflowFailure) return json(error.status, { error: error.message }, cors);
      throw error;
    }

    let failures;
    try {
      failures = await transport.send(payload.traces, experimentId);
    } catch (error) {
      failures = payload.traces.map((trace) => ({ trace, error }));
    }
    const accepted = payload.traces.length - failures.length;
    if (failures.length === 0) return json(200, { accepted }, cors);
    const failure = mlflowFailure(failures[0]!.error);
    warnOnce(`relay:${failure.message}`, `trace relay could not forward ${failures.length} trace(s) to MLflow: ${failure.message}`);
    return json(failure.status, { error: failure.message, accepted, failed: failures.length }, cors);
  };
}

class MlflowFailure extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

function mlflowFailure(error: unknown): MlflowFailure {
  const message = error instanceof Error ? error.message : String(error);
  const status = (error as { status?: unknown } | undefined)?.status;
  // an assessment error without a status is a network failure
  const unreachable = status === undefined && (error as Error | undefined)?.name === "AssessmentLoggingError";
  const retryable = isRetryable(error) || unreachable || (typeof status === "number" && (status >= 500 || status === 408 || status === 429));
  return retryable ? new MlflowFailure(502, `MLflow could not be reached or failed: ${message}`) : new MlflowFailure(422, `MLflow refused the request: ${message}`);
}
