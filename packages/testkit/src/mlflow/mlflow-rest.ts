import { parseJsonWithBigInts, toBigInt } from "./big-json";
import { MlflowRestError } from "./errors";
import type { MlflowExperiment, MlflowSpan, MlflowSpanEvent, MlflowTraceInfo } from "./mlflow-types";

/**
 * A small MLflow REST client for READING BACK in tests (plus experiment creation). It is not
 * the SDK's exporter. Every function takes the tracking URI (`http://host:port`, a trailing
 * slash is fine). Non-2xx answers throw {@link MlflowRestError}. Response bodies are parsed
 * with `parseJsonWithBigInts`, so integers beyond 2^53 come back as `bigint`.
 */

const REQUEST_TIMEOUT_MS = 30_000;

function base(trackingUri: string): string {
  return trackingUri.replace(/\/+$/, "");
}

/** Sends one request to the MLflow server and returns the parsed JSON body (or `undefined` if empty). */
export async function mlflowRequest<T = unknown>(
  trackingUri: string,
  method: "GET" | "POST" | "PATCH" | "DELETE" | "PUT",
  path: string,
  body?: unknown,
): Promise<T> {
  const url = `${base(trackingUri)}${path}`;
  const init: RequestInit = {
    method,
    headers: body === undefined ? {} : { "Content-Type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  };
  // A busy test server sometimes drops a connection; reads are safe to repeat.
  const readOnly = method === "GET" || path.endsWith("/traces/search");
  let res: Response | undefined;
  for (let attempt = 1; ; attempt++) {
    try {
      res = await fetch(url, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
      break;
    } catch (error) {
      if (!readOnly || attempt >= 3) throw error;
      await new Promise((r) => setTimeout(r, 250 * attempt));
    }
  }
  const text = await res!.text();
  if (!res!.ok) throw new MlflowRestError(method, url, res.status, text);
  return (text.trim() === "" ? undefined : parseJsonWithBigInts(text)) as T;
}

/** Creates an experiment (`POST /api/2.0/mlflow/experiments/create`) and returns its id. */
export async function createExperiment(trackingUri: string, name: string): Promise<string> {
  const res = await mlflowRequest<{ experiment_id: string }>(trackingUri, "POST", "/api/2.0/mlflow/experiments/create", {
    name,
  });
  return res.experiment_id;
}

/** The experiment named `name`, or `undefined` if there is none. */
export async function getExperimentByName(trackingUri: string, name: string): Promise<MlflowExperiment | undefined> {
  try {
    const res = await mlflowRequest<{ experiment: MlflowExperiment }>(
      trackingUri,
      "GET",
      `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(name)}`,
    );
    return res.experiment;
  } catch (err) {
    if (err instanceof MlflowRestError && (err.status === 404 || err.errorCode === "RESOURCE_DOES_NOT_EXIST")) {
      return undefined;
    }
    throw err;
  }
}

/** `GET /api/3.0/mlflow/traces/{traceId}`: the trace info with tags and metadata. Throws (404) if unknown. */
export async function getTraceInfo(trackingUri: string, traceId: string): Promise<MlflowTraceInfo> {
  const res = await mlflowRequest<{ trace: { trace_info: MlflowTraceInfo } }>(
    trackingUri,
    "GET",
    `/api/3.0/mlflow/traces/${encodeURIComponent(traceId)}`,
  );
  return res.trace.trace_info;
}

function normaliseSpan(raw: Record<string, unknown>): MlflowSpan {
  const events = Array.isArray(raw.events) ? (raw.events as Record<string, unknown>[]) : [];
  return {
    ...raw,
    trace_id: String(raw.trace_id ?? ""),
    span_id: String(raw.span_id ?? ""),
    parent_span_id: (raw.parent_span_id as string | null | undefined) ?? null,
    name: String(raw.name ?? ""),
    start_time_unix_nano: toBigInt(raw.start_time_unix_nano),
    end_time_unix_nano: toBigInt(raw.end_time_unix_nano ?? raw.start_time_unix_nano),
    status: (raw.status as MlflowSpan["status"]) ?? { code: "STATUS_CODE_UNSET" },
    attributes: (raw.attributes as Record<string, unknown>) ?? {},
    events: events.map(
      (e): MlflowSpanEvent => ({
        ...e,
        name: String(e.name ?? ""),
        time_unix_nano: toBigInt(e.time_unix_nano ?? 0),
        attributes: (e.attributes as Record<string, unknown>) ?? {},
      }),
    ),
  };
}

/**
 * The spans of a trace (`GET /ajax-api/2.0/mlflow/get-trace-artifact?request_id=…`), from the
 * DB or from `traces.json`, whichever holds them. Timestamps are exact `bigint`s; attribute
 * values are left as stored (JSON-encoded strings): decode with `decodeSpanAttributes`.
 */
export async function getTraceSpans(trackingUri: string, traceId: string): Promise<MlflowSpan[]> {
  const res = await mlflowRequest<{ spans?: Record<string, unknown>[] }>(
    trackingUri,
    "GET",
    `/ajax-api/2.0/mlflow/get-trace-artifact?request_id=${encodeURIComponent(traceId)}`,
  );
  return (res?.spans ?? []).map(normaliseSpan);
}

/** Options of {@link searchTraces}. */
export interface SearchTracesOptions {
  /** Experiments to search (at least one). */
  experimentIds: string[];
  /** MLflow search filter, e.g. `trace.status = 'OK'` or `tag.mlflow.traceName = 'x'`. */
  filter?: string;
  /** Stop after this many traces in total. Default: all. */
  maxResults?: number;
  /** e.g. `["timestamp_ms DESC"]`. */
  orderBy?: string[];
  /** Page size per request (server max 500). Default 100. */
  pageSize?: number;
}

/** `POST /api/3.0/mlflow/traces/search`, following `next_page_token` until done or `maxResults`. */
export async function searchTraces(trackingUri: string, opts: SearchTracesOptions): Promise<MlflowTraceInfo[]> {
  const out: MlflowTraceInfo[] = [];
  const limit = opts.maxResults ?? Number.POSITIVE_INFINITY;
  const pageSize = Math.min(opts.pageSize ?? 100, 500);
  let pageToken: string | undefined;
  while (out.length < limit) {
    const res = await mlflowRequest<{ traces?: MlflowTraceInfo[]; next_page_token?: string }>(
      trackingUri,
      "POST",
      "/api/3.0/mlflow/traces/search",
      {
        locations: opts.experimentIds.map((id) => ({ type: "MLFLOW_EXPERIMENT", mlflow_experiment: { experiment_id: id } })),
        filter: opts.filter,
        max_results: Math.min(pageSize, limit - out.length),
        order_by: opts.orderBy,
        page_token: pageToken,
      },
    );
    out.push(...(res?.traces ?? []));
    pageToken = res?.next_page_token;
    if (!pageToken) break;
  }
  return out.slice(0, Number.isFinite(limit) ? limit : undefined);
}

/** Options of {@link waitForTraces}. */
export interface WaitForTracesOptions {
  /** Only count traces matching this filter. */
  filter?: string;
  /** Poll interval. Default 200 ms. */
  intervalMs?: number;
}

/**
 * Polls trace search in `experimentId` until at least `count` traces exist, and returns them
 * (all found, newest first).
 *
 * @throws Error after `timeoutMs` saying how many were found.
 */
export async function waitForTraces(
  trackingUri: string,
  experimentId: string,
  count: number,
  timeoutMs = 10_000,
  opts: WaitForTracesOptions = {},
): Promise<MlflowTraceInfo[]> {
  const deadline = Date.now() + timeoutMs;
  let found: MlflowTraceInfo[] = [];
  for (;;) {
    found = await searchTraces(trackingUri, {
      experimentIds: [experimentId],
      filter: opts.filter,
      orderBy: ["timestamp_ms DESC"],
    });
    if (found.length >= count) return found;
    if (Date.now() >= deadline) break;
    await new Promise((r) => setTimeout(r, opts.intervalMs ?? 200));
  }
  throw new Error(
    `Timed out after ${timeoutMs} ms waiting for ${count} trace(s) in experiment ${experimentId}` +
      `${opts.filter ? ` matching ${JSON.stringify(opts.filter)}` : ""} at ${trackingUri}: found ${found.length}` +
      `${found.length ? ` (${found.map((t) => t.trace_id).join(", ")})` : ""}.`,
  );
}
