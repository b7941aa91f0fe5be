/** A response body with its content type. */
export interface ErrorBody {
  contentType: string;
  body: string;
}

function preferredType(accept: string | undefined): "json" | "text" {
  if (!accept) return "json";
  const ranges = accept
    .split(",")
    .map((part, index) => {
      const [type = "", ...params] = part.trim().toLowerCase().split(";");
      const q = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
      return { type: type.trim(), q: q ? Number(q.slice(2)) : 1, index };
    })
    .filter((r) => r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  for (const { type } of ranges) {
    if (type === "application/json" || type === "application/*" || type === "*/*") return "json";
    if (type === "text/plain" || type === "text/*") return "text";
  }
  return "json";
}

/**
 * The body of a Kong-generated error (`kong.response.error` template). JSON by
 * default, literally
 * `{\n  "message":"<msg>",\n  "request_id":"<id>"\n}` with
 * `application/json; charset=utf-8`; when the client's `Accept` prefers
 * `text/plain`, `<msg>\nrequest_id: <id>\n`. (Kong also has HTML and XML
 * templates; the stand-in answers those clients with JSON.)
 */
export function kongErrorBody(message: string, requestId: string, accept?: string): ErrorBody {
  if (preferredType(accept) === "text") {
    return { contentType: "text/plain; charset=utf-8", body: `${message}\nrequest_id: ${requestId}\n` };
  }
  const escaped = JSON.stringify(message).slice(1, -1);
  return {
    contentType: "application/json; charset=utf-8",
    body: `{\n  "message":"${escaped}",\n  "request_id":"${requestId}"\n}`,
  };
}

/** The body of an ai-proxy error: compact `{"error":{"message":"..."}}`, no `request_id`. */
export function aiProxyErrorBody(message: string): ErrorBody {
  return { contentType: "application/json; charset=utf-8", body: JSON.stringify({ error: { message } }) };
}

/** Messages of the Kong errors the stand-in produces (spec §2.1). */
export const KONG_MESSAGES = {
  noApiKey: "No API key found in request",
  unauthorized: "Unauthorized",
  duplicateApiKey: "Duplicate API key found",
  rateLimited: "API rate limit exceeded",
  noRoute: "no Route matched with those values",
  badGateway: "An invalid response was received from the upstream server",
  unavailable: "The upstream server is currently unavailable",
  timeout: "The upstream server is timing out",
  unexpected: "An unexpected error occurred",
} as const;
