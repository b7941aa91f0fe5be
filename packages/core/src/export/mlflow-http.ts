import { MlflowHttpError } from "../errors";

/** What every request to MLflow needs. @internal */
export interface MlflowHttpConfig {
  trackingUri: string;
  headers: Record<string, string>;
  requestTimeoutMs: number;
  fetch: typeof fetch;
}

/**
 * One request to MLflow. Non-2xx answers become {@link MlflowHttpError}
 * carrying MLflow's own message; network failures and timeouts reject with
 * the fetch error.
 */
export async function mlflowRequest(
  config: MlflowHttpConfig,
  method: string,
  path: string,
  body?: string,
  extraHeaders?: Record<string, string>,
): Promise<string> {
  const response = await config.fetch(`${config.trackingUri}${path}`, {
    method,
    headers: { "Content-Type": "application/json", ...config.headers, ...extraHeaders },
    ...(body !== undefined ? { body } : {}),
    signal: AbortSignal.timeout(config.requestTimeoutMs),
  });
  const text = await response.text();
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
    throw new MlflowHttpError(response.status, `MLflow ${method} ${path} answered ${response.status}: ${message}`, code);
  }
  return text;
}
