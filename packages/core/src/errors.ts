const MARKER = Symbol.for("kong-mlflow.error");

/**
 * Base class of every error kong-mlflow throws. `KongMlflowError.isInstance(e)`
 * works across duplicate copies of the package (ESM and CJS loaded side by side).
 */
export class KongMlflowError extends Error {
  readonly [MARKER] = true;
  override name = "KongMlflowError";

  // The constructor is Error's: (message, options?: { cause }).

  /** True for any kong-mlflow error, whichever copy of the package created it. */
  static isInstance(error: unknown): error is KongMlflowError {
    return (error as { [MARKER]?: unknown } | null | undefined)?.[MARKER] === true;
  }
}

/**
 * A setting is missing or malformed. `setting` names it the way the user wrote
 * it (an option name or an environment variable).
 */
export class ConfigurationError extends KongMlflowError {
  override name = "ConfigurationError";
  declare readonly setting: string;

  constructor(setting: string, message: string, options?: { cause?: unknown }) {
    super(`${setting}: ${message}`, options);
    this.setting = setting;
  }

  /** True for a ConfigurationError from any copy of the package. */
  static override isInstance(error: unknown): error is ConfigurationError {
    return KongMlflowError.isInstance(error) && error.name === "ConfigurationError";
  }
}

/** MLflow answered a request with a non-2xx status. */
export class MlflowHttpError extends KongMlflowError {
  override name = "MlflowHttpError";
  declare readonly status: number;
  declare readonly errorCode: string | undefined;
  /** How long the server asked us to wait (`Retry-After`), in ms. */
  declare readonly retryAfterMs: number | undefined;

  constructor(status: number, message: string, errorCode?: string, retryAfterMs?: number) {
    super(message);
    this.status = status;
    this.errorCode = errorCode;
    this.retryAfterMs = retryAfterMs;
  }
}

/** A request to MLflow got no answer: connection refused, DNS failure, timeout. Export retries these. */
export class MlflowNetworkError extends KongMlflowError {
  override name = "MlflowNetworkError";
}
