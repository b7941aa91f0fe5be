import { ConfigurationError } from "../errors";

/**
 * Checks an MLflow tracking URI and returns it without a trailing slash.
 * Only `http:` and `https:` servers are supported; `setting` names where the
 * value came from, for the error message.
 */
export function normalizeTrackingUri(value: string, setting: string): string {
  const trimmed = value.trim();
  if (trimmed === "databricks" || trimmed.startsWith("databricks://")) {
    throw new ConfigurationError(setting, `"${trimmed}" is a Databricks URI; kong-mlflow exports to MLflow tracking servers over http(s) only.`);
  }
  let url: URL;
  try {
    url = new URL(trimmed);
  } catch {
    throw new ConfigurationError(setting, `"${trimmed}" is not a valid URL. Expected something like http://127.0.0.1:5000.`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new ConfigurationError(setting, `"${trimmed}" uses ${url.protocol}; the MLflow tracking URI must be an http:// or https:// URL.`);
  }
  if (url.search || url.hash) {
    throw new ConfigurationError(setting, `"${trimmed}" has a query or fragment; give only the server's base URL.`);
  }
  return trimmed.replace(/\/+$/, "");
}
