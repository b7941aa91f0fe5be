/** A span's status code, spelled as MLflow's span JSON spells it. */
export const SpanStatusCode = {
  UNSET: "STATUS_CODE_UNSET",
  OK: "STATUS_CODE_OK",
  ERROR: "STATUS_CODE_ERROR",
} as const;

/** One of the {@link SpanStatusCode} values. */
export type SpanStatusCode = (typeof SpanStatusCode)[keyof typeof SpanStatusCode];

/** A span's status: a code and, for errors, a description. */
export interface SpanStatus {
  code: SpanStatusCode;
  description?: string;
}

/** Accepts `"OK"`, `"ERROR"`, `"UNSET"` or the full `STATUS_CODE_*` form. */
export function normalizeStatusCode(code: string): SpanStatusCode {
  return SpanStatusCode[/ERROR$/i.test(code) ? "ERROR" : /OK$/i.test(code) ? "OK" : "UNSET"];
}
