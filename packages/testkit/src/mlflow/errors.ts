/** Thrown when the MLflow virtualenv is missing or incomplete; the message names `scripts/setup-mlflow.sh`. */
export class MlflowVenvMissingError extends Error {
  override name = "MlflowVenvMissingError";
}

/** Why {@link MlflowServerStartError} was thrown. */
export type MlflowServerStartFailure = "venv-missing" | "port-in-use" | "exited" | "timeout" | "spawn-failed";

/**
 * Thrown by `startMlflowServer` when the server cannot start. The message says what happened
 * and ends with the last lines of the server's output (also in {@link outputTail}).
 */
export class MlflowServerStartError extends Error {
  override name = "MlflowServerStartError";

  constructor(
    message: string,
    /** Machine-readable reason. */
    readonly reason: MlflowServerStartFailure,
    /** The last lines the server printed (stdout and stderr interleaved), possibly empty. */
    readonly outputTail = "",
  ) {
    super(outputTail ? `${message}\n--- last lines of mlflow server output ---\n${outputTail}\n---` : message);
  }
}

/** A non-2xx answer from the MLflow REST API. */
export class MlflowRestError extends Error {
  override name = "MlflowRestError";

  constructor(
    /** HTTP method. */
    readonly method: string,
    /** Full URL. */
    readonly url: string,
    /** HTTP status. */
    readonly status: number,
    /** Response body as text. */
    readonly body: string,
  ) {
    super(`${method} ${url} -> HTTP ${status}: ${body.slice(0, 2000)}`);
  }

  /** MLflow's `error_code` from the JSON body (e.g. `RESOURCE_DOES_NOT_EXIST`), if any. */
  get errorCode(): string | undefined {
    try {
      const parsed = JSON.parse(this.body) as { error_code?: unknown };
      return typeof parsed.error_code === "string" ? parsed.error_code : undefined;
    } catch {
      return undefined;
    }
  }
}

/** A failed `python -c` run of the official MLflow client; carries its stderr. */
export class MlflowPythonError extends Error {
  override name = "MlflowPythonError";

  constructor(
    message: string,
    /** Exit code, or null if killed by a signal. */
    readonly exitCode: number | null,
    /** Everything the script wrote to stderr. */
    readonly stderr: string,
  ) {
    super(stderr.trim() ? `${message}\n--- python stderr ---\n${stderr.trim().split("\n").slice(-60).join("\n")}\n---` : message);
  }
}
