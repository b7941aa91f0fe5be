/**
 * An MLflow tracking URI without its trailing slashes, or undefined unless it
 * is an `http:` or `https:` URL with no query or fragment (so not Databricks'
 * `databricks` or `databricks://profile` either).
 */
export function normalizeTrackingUri(value: unknown): string | undefined {
  const uri = String(value).trim();
  try {
    const url = new URL(uri);
    if (/^https?:$/.test(url.protocol) && !url.search && !url.hash) return uri.replace(/\/+$/, "");
  } catch {
    // not a URL at all
  }
  return undefined;
}
