import { KongMlflowError, MlflowHttpError, MlflowNetworkError } from "../errors";
import { scrubSecrets } from "./secrets";

/** What every request to MLflow needs. @internal */
export interface MlflowHttpConfig {
  trackingUri: string;
  headers: Record<string, string>;
  requestTimeoutMs: number;
  fetch: typeof fetch;
}

/**
 * A request body with the registered secrets scrubbed (see
 * `registerSecret`). Made once per payload, so a retry sends it as it is.
 * @internal
 */
export class ScrubbedBody {
  readonly text: string;
  constructor(text: string) {
    this.text = scrubSecrets(text);
  }
}

/**
 * Set (to `true`) on the reason of an abort that gives a request up for
 * good, e.g. by `@kong-mlflow/node` when the process is ending and its
 * shutdown flush ran out: such a failure is not retried. @internal
 */
export const ABANDONED = Symbol.for("kong-mlflow.request-abandoned");

/** `Retry-After` in seconds or as an HTTP date, in ms; undefined when absent or unreadable. */
export function parseRetryAfter(value: string | null): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds * 1000);
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

/**
 * One request to MLflow. Registered secrets are scrubbed from a text body
 * first; a {@link ScrubbedBody} is sent as it is. Non-2xx answers become {@link MlflowHttpError}
 * carrying MLflow's own message; network failures and timeouts become
 * {@link MlflowNetworkError} (retried); a request given up for good
 * (see {@link ABANDONED}) becomes a plain {@link KongMlflowError} (not retried).
 */
export async function mlflowRequest(
  config: MlflowHttpConfig,
  method: string,
  path: string,
  body?: string | ScrubbedBody,
  extraHeaders?: Record<string, string>,
): Promise<string> {
  const init: RequestInit = {
    method,
    headers: { "Content-Type": "application/json", ...config.headers, ...extraHeaders },
    ...(body !== undefined ? { body: typeof body === "string" ? scrubSecrets(body) : body.text } : {}),
    signal: AbortSignal.timeout(config.requestTimeoutMs),
  };
  let response: Response;
  let text: string;
  try {
    response = await config.fetch(`${config.trackingUri}${path}`, init);
    text = await response.text();
  } catch (error) {
    if ((error as Record<symbol, unknown> | null)?.[ABANDONED] === true) {
      throw new KongMlflowError(`MLflow ${method} ${path} was given up: ${(error as Error).message}`, { cause: error });
    }
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new MlflowNetworkError(`MLflow ${method} ${path} got no answer from ${config.trackingUri}: ${cause}`, { cause: error });
  }
  if (!response.ok) {
    let message = text.slice(0, 500);
    let code: string | undefined;
    try {
      const parsed = JSON.parse(text) as { message?: string; error_code?: string; detail?: unknown };
      message = parsed.message ?? (typeof parsed.detail === "string" ? parsed.detail : message);
      code = parsed.error_code;
    } catch {
      // not JSON: keep the raw text
    }
    throw new MlflowHttpError(response.status, `MLflow ${method} ${path} answered ${response.status}: ${message}`, code, parseRetryAfter(response.headers.get("retry-after")));
  }
  return text;
}
