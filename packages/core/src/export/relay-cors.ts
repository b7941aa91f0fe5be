/**
 * Which origin a request comes from and whether the relay serves it. A
 * request without `Origin` (a server, curl) or from the relay's own origin
 * is always served; any other origin must be in `allowedOrigins` (or it has
 * `"*"`). This check runs on the server, before anything is forwarded: CORS
 * headers alone would not stop a page elsewhere from posting. @internal
 */
export function originDecision(request: Request, allowedOrigins: readonly string[]): { allowed: boolean; origin: string | null; headers: Record<string, string> } {
  const origin = request.headers.get("origin");
  if (origin === null) return { allowed: true, origin, headers: {} };
  let own: string | undefined;
  try {
    own = new URL(request.url).origin;
  } catch {
    own = undefined;
  }
  const listed = allowedOrigins.includes("*") || allowedOrigins.includes(origin);
  // A refusal still carries CORS headers, so the page can read why and stop retrying.
  if (!listed && origin !== own) return { allowed: false, origin, headers: { "Access-Control-Allow-Origin": origin, Vary: "Origin" } };
  return { allowed: true, origin, headers: listed ? { "Access-Control-Allow-Origin": origin, Vary: "Origin" } : {} };
}

/** The answer to a CORS preflight from an allowed origin. @internal */
export function preflightHeaders(request: Request): Record<string, string> {
  return {
    "Access-Control-Allow-Methods": "POST, OPTIONS",
    "Access-Control-Allow-Headers": request.headers.get("access-control-request-headers") ?? "content-type",
    "Access-Control-Max-Age": "600",
  };
}
