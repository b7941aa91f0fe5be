/** Shapes of MLflow REST answers, as far as the test readers use them (snake_case, as on the wire). */

/** `TraceLocation` of a trace stored in an experiment. */
export interface MlflowTraceLocation {
  type: string;
  mlflow_experiment?: { experiment_id: string };
}

/** `TraceInfoV3` as returned by `GET /api/3.0/mlflow/traces/{id}` and trace search. */
export interface MlflowTraceInfo {
  trace_id: string;
  client_request_id?: string;
  trace_location: MlflowTraceLocation;
  /** RFC 3339 timestamp, e.g. `2026-05-01T12:00:00.123Z`. */
  request_time: string;
  /** Proto Duration string, e.g. `1.234s`. */
  execution_duration?: string;
  /** `OK` | `ERROR` | `IN_PROGRESS` | `STATE_UNSPECIFIED`. */
  state: string;
  request_preview?: string;
  response_preview?: string;
  trace_metadata?: Record<string, string>;
  tags?: Record<string, string>;
  assessments?: unknown[];
}

/** An MLflow experiment. */
export interface MlflowExperiment {
  experiment_id: string;
  name: string;
  artifact_location?: string;
  lifecycle_stage?: string;
  creation_time?: number;
  last_update_time?: number;
  tags?: { key: string; value: string }[];
}

/** A span event in `traces.json`. Its attribute values are raw (not JSON-encoded). */
export interface MlflowSpanEvent {
  name: string;
  /** Always a `bigint` after parsing. */
  time_unix_nano: bigint;
  attributes?: Record<string, unknown>;
}

/**
 * A span as stored in `traces.json` / returned by `get-trace-artifact` (Python `Span.to_dict`).
 * Ids are base64; attribute values are JSON-encoded strings (decode with
 * `decodeSpanAttributes`). Timestamps are normalised to `bigint` (nanoseconds), exact.
 */
export interface MlflowSpan {
  /** Base64 of the 16 OTel trace-id bytes. */
  trace_id: string;
  /** Base64 of the 8 span-id bytes. */
  span_id: string;
  /** Base64 parent span id; `null` or `""` for a root span. */
  parent_span_id: string | null;
  name: string;
  start_time_unix_nano: bigint;
  end_time_unix_nano: bigint;
  /** `code` is `STATUS_CODE_OK` | `STATUS_CODE_ERROR` | `STATUS_CODE_UNSET` (older data: `OK` …). */
  status: { code: string; message?: string };
  attributes: Record<string, unknown>;
  events: MlflowSpanEvent[];
  [extra: string]: unknown;
}
