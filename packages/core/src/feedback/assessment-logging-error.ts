import { KongMlflowError } from "../errors";

/**
 * `logFeedback` or `logExpectation` failed: the options were invalid
 * (`errorCode` `INVALID_PARAMETER_VALUE`, no `status`), MLflow (or the trace
 * relay) refused the assessment (`status` and MLflow's `errorCode`, e.g.
 * `RESOURCE_DOES_NOT_EXIST` for an unknown trace), or it could not be reached
 * (no `status`; the network error is the `cause`). The message carries
 * MLflow's own message.
 */
export class AssessmentLoggingError extends KongMlflowError {
  /** The HTTP status MLflow or the relay answered with; undefined when no answer came. */
  readonly status: number | undefined;
  /** MLflow's `error_code`, e.g. `RESOURCE_DOES_NOT_EXIST`, or `INVALID_PARAMETER_VALUE` for options refused before sending. */
  readonly errorCode: string | undefined;
  /** The trace the assessment was for. */
  readonly traceId: string;

  constructor(traceId: string, message: string, details: { status?: number; errorCode?: string; cause?: unknown } = {}) {
    super(message, details.cause !== undefined ? { cause: details.cause } : undefined);
    this.name = "AssessmentLoggingError";
    this.traceId = traceId;
    this.status = details.status;
    this.errorCode = details.errorCode;
  }

  /** True for an AssessmentLoggingError from any copy of the package. */
  static override isInstance(error: unknown): error is AssessmentLoggingError {
    return KongMlflowError.isInstance(error) && (error as Error).name === "AssessmentLoggingError";
  }
}
