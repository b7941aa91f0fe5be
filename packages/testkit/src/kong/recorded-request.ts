import type { IncomingMessage } from "node:http";

/** One HTTP request as a stand-in server received it. */
export interface RecordedRequest {
  /** HTTP method, e.g. `POST`. */
  method: string;
  /** Path with query string, exactly as requested, e.g. `/v1/chat/completions?x=1`. */
  path: string;
  /** Request headers with lowercase names, as Node parsed them. */
  headers: Record<string, string | string[]>;
  /** The raw body as UTF-8 text (`""` when there was none). */
  body: string;
  /** The body parsed as JSON, or undefined when it is not JSON. */
  json: unknown;
}

/** Reads a request body to the end. */
export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

/** Parses JSON, returning undefined instead of throwing. */
export function parseJsonOrUndefined(text: string): unknown {
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** Captures a request (with its already-read body) as a {@link RecordedRequest}. */
export function recordRequest(req: IncomingMessage, body: Buffer): RecordedRequest {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers[name] = value;
  }
  const text = body.toString("utf8");
  return {
    method: req.method ?? "GET",
    path: req.url ?? "/",
    headers,
    body: text,
    json: parseJsonOrUndefined(text),
  };
}
