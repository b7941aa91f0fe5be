import { spawn } from "node:child_process";
import { parseJsonWithBigInts, toBigInt } from "./big-json";
import { MlflowPythonError } from "./errors";
import { assertMlflowVenv, resolveMlflowVenv } from "./venv";

/**
 * Reads traces back with MLflow's OFFICIAL Python client (`mlflow.get_trace`,
 * `mlflow.search_traces(..., return_type="list")`) from the project venv, so tests can prove
 * that what we wrote is what Python users will see. Each call runs one `python -c` (~3 s:
 * importing mlflow is slow), so use it for a few key assertions, not in loops.
 */

/** A span as the Python client sees it (`mlflow.entities.Span`). */
export interface PythonSpan {
  name: string;
  /** 16 hex chars. */
  span_id: string;
  /** 16 hex chars, or null for the root span. */
  parent_id: string | null;
  /** e.g. `LLM`, `CHAIN`, `UNKNOWN`; null if unset. */
  span_type: string | null;
  /** `code` is `OK` | `ERROR` | `UNSET`. */
  status: { code: string; description: string };
  /** Decoded `mlflow.spanInputs` (any JSON), or null. */
  inputs: unknown;
  /** Decoded `mlflow.spanOutputs` (any JSON), or null. */
  outputs: unknown;
  /** All attributes, decoded by Python (`json.loads`, falling back to the raw string). */
  attributes: Record<string, unknown>;
  events: { name: string; timestamp_ns: bigint; attributes: Record<string, unknown> }[];
  start_time_ns: bigint;
  /** null while the span has not ended. */
  end_time_ns: bigint | null;
}

/** Trace info as the Python client sees it (`mlflow.entities.TraceInfo`). */
export interface PythonTraceInfo {
  trace_id: string;
  client_request_id: string | null;
  /** `OK` | `ERROR` | `IN_PROGRESS` | `STATE_UNSPECIFIED`. */
  state: string;
  request_preview: string | null;
  response_preview: string | null;
  /** Epoch milliseconds. */
  request_time: number;
  /** Milliseconds, or null. */
  execution_duration: number | null;
  tags: Record<string, string>;
  trace_metadata: Record<string, string>;
  /** The experiment id from `trace_location`, if any. */
  experiment_id: string | null;
  /** Feedback and expectations on the trace (`TraceInfo.assessments`). */
  assessments: PythonAssessment[];
}

/**
 * An assessment as the Python client sees it: `Assessment.to_dictionary()`
 * plus its class and its decoded `value`.
 */
export interface PythonAssessment {
  /** `Feedback` or `Expectation` (the Python class). */
  kind: string;
  assessment_id: string;
  assessment_name: string;
  trace_id: string;
  span_id?: string;
  source: { source_type: string; source_id?: string };
  /** The value as Python decodes it (a feedback's value, or an expectation's value with JSON text parsed). */
  value: unknown;
  rationale?: string;
  metadata?: Record<string, string>;
  feedback?: { value?: unknown; error?: { error_code?: string; error_message?: string; stack_trace?: string } };
  create_time?: string;
  valid?: boolean;
}

/** A trace as the Python client sees it. */
export interface PythonTrace {
  info: PythonTraceInfo;
  spans: PythonSpan[];
}

/** Options shared by the Python readers. */
export interface PythonClientOptions {
  /** The MLflow venv. Default: `$KONG_MLFLOW_VENV`, else `<repo root>/.tools/mlflow-venv`. */
  venvDir?: string;
  /** Kill the Python process after this long. Default 60 000 ms. */
  timeoutMs?: number;
}

/** Options of {@link searchTracesWithPython}. */
export interface PythonSearchOptions extends PythonClientOptions {
  /** MLflow search filter string. */
  filter?: string;
  /** Default: 1000. */
  maxResults?: number;
  /** e.g. `["timestamp_ms DESC"]`. */
  orderBy?: string[];
}

const MARKER = "@@KONG_MLFLOW_JSON@@";

// Arguments arrive as one JSON argv; the answer is one marked line on stdout.
const SCRIPT = String.raw`
import json, sys
import mlflow

args = json.loads(sys.argv[1])
mlflow.set_tracking_uri(args["tracking_uri"])

def val(v):
    return getattr(v, "value", v)

def span_dict(s):
    st = s.status
    return {
        "name": s.name,
        "span_id": s.span_id,
        "parent_id": s.parent_id,
        "span_type": s.span_type,
        "status": {"code": val(st.status_code), "description": st.description or ""},
        "inputs": s.inputs,
        "outputs": s.outputs,
        "attributes": dict(s.attributes),
        "events": [{"name": e.name, "timestamp_ns": e.timestamp, "attributes": dict(e.attributes or {})} for e in s.events],
        "start_time_ns": s.start_time_ns,
        "end_time_ns": s.end_time_ns,
    }

def trace_dict(t):
    i = t.info
    loc = getattr(i, "trace_location", None)
    exp = getattr(loc, "mlflow_experiment", None) if loc is not None else None
    return {
        "info": {
            "trace_id": i.trace_id,
            "client_request_id": i.client_request_id,
            "state": val(i.state),
            "request_preview": i.request_preview,
            "response_preview": i.response_preview,
            "request_time": i.request_time,
            "execution_duration": i.execution_duration,
            "tags": dict(i.tags or {}),
            "trace_metadata": dict(i.trace_metadata or {}),
            "experiment_id": getattr(exp, "experiment_id", None),
            "assessments": [
                dict(a.to_dictionary(), kind=type(a).__name__, value=getattr(a, "value", None))
                for a in (getattr(i, "assessments", None) or [])
            ],
        },
        "spans": [span_dict(s) for s in t.data.spans],
    }

if args["op"] == "get":
    t = mlflow.get_trace(args["trace_id"])
    if t is None:
        sys.stderr.write("mlflow.get_trace returned None for %s\n" % args["trace_id"])
        sys.exit(3)
    result = trace_dict(t)
else:
    traces = mlflow.search_traces(
        locations=[args["experiment_id"]],
        filter_string=args.get("filter"),
        max_results=args.get("max_results") or 1000,
        order_by=args.get("order_by"),
        return_type="list",
    )
    result = [trace_dict(t) for t in traces]

sys.stdout.write("\n" + "${MARKER}" + json.dumps(result, default=repr) + "\n")
sys.stdout.flush()
`;

async function runPython(args: Record<string, unknown>, opts: PythonClientOptions, what: string): Promise<unknown> {
  const { python } = assertMlflowVenv(opts.venvDir ?? resolveMlflowVenv());
  const timeoutMs = opts.timeoutMs ?? 60_000;
  return new Promise((resolveRun, reject) => {
    const child = spawn(python, ["-c", SCRIPT, JSON.stringify(args)], {
      env: {
        ...process.env,
        MLFLOW_DISABLE_TELEMETRY: "true",
        DO_NOT_TRACK: "true",
        PYTHONWARNINGS: "ignore",
        PYTHONUNBUFFERED: "1",
        // Fail fast in tests instead of Python's 7 retries with exponential backoff.
        MLFLOW_HTTP_REQUEST_MAX_RETRIES: "0",
        MLFLOW_HTTP_REQUEST_TIMEOUT: "30",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (d: string) => (stdout += d));
    child.stderr.setEncoding("utf8").on("data", (d: string) => (stderr += d));
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new MlflowPythonError(`${what}: python timed out after ${timeoutMs} ms`, null, stderr));
    }, timeoutMs);
    child.once("error", (err) => {
      clearTimeout(timer);
      reject(new MlflowPythonError(`${what}: cannot run ${python}: ${err.message}`, null, stderr));
    });
    child.once("close", (code) => {
      clearTimeout(timer);
      if (code !== 0) {
        reject(new MlflowPythonError(`${what}: python exited with code ${code}`, code, stderr));
        return;
      }
      const line = stdout.split("\n").reverse().find((l) => l.startsWith(MARKER));
      if (!line) {
        reject(new MlflowPythonError(`${what}: no result on stdout. stdout was:\n${stdout.slice(-2000)}`, code, stderr));
        return;
      }
      try {
        resolveRun(parseJsonWithBigInts(line.slice(MARKER.length)));
      } catch (err) {
        reject(new MlflowPythonError(`${what}: unparseable result: ${(err as Error).message}`, code, stderr));
      }
    });
  });
}

type Loose = Record<string, unknown>;

function normaliseTrace(raw: Loose): PythonTrace {
  const spans = (raw.spans as Loose[]).map((s) => ({
    ...(s as unknown as PythonSpan),
    start_time_ns: toBigInt(s.start_time_ns),
    end_time_ns: s.end_time_ns == null ? null : toBigInt(s.end_time_ns),
    events: ((s.events as Loose[]) ?? []).map((e) => ({
      ...(e as unknown as PythonSpan["events"][number]),
      timestamp_ns: toBigInt(e.timestamp_ns),
    })),
  }));
  return { info: raw.info as PythonTraceInfo, spans };
}

/**
 * `mlflow.get_trace(traceId)` through the official Python client.
 *
 * @throws MlflowPythonError (with Python's stderr) if the trace is missing or Python fails.
 */
export async function readTraceWithPython(
  trackingUri: string,
  traceId: string,
  opts: PythonClientOptions = {},
): Promise<PythonTrace> {
  const raw = await runPython(
    { op: "get", tracking_uri: trackingUri, trace_id: traceId },
    opts,
    `readTraceWithPython(${traceId})`,
  );
  return normaliseTrace(raw as Loose);
}

/** `mlflow.search_traces(locations=[experimentId], ..., return_type="list")` through the official Python client. */
export async function searchTracesWithPython(
  trackingUri: string,
  experimentId: string,
  opts: PythonSearchOptions = {},
): Promise<PythonTrace[]> {
  const raw = await runPython(
    {
      op: "search",
      tracking_uri: trackingUri,
      experiment_id: experimentId,
      filter: opts.filter ?? null,
      max_results: opts.maxResults ?? null,
      order_by: opts.orderBy ?? null,
    },
    opts,
    `searchTracesWithPython(${experimentId})`,
  );
  return (raw as Loose[]).map(normaliseTrace);
}
