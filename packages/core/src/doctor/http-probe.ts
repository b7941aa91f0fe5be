/** One HTTP exchange made by a doctor check: an answer, or why none came. */
export type Probe =
  | { ok: true; status: number; headers: Headers; text: string; ms: number }
  | { ok: false; error: string; ms: number };

/** Why a fetch failed, in a few words (`connect ECONNREFUSED 127.0.0.1:9`, `no answer within 10000 ms`). */
export function fetchFailure(error: unknown, timeoutMs: number): string {
  if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) return `no answer within ${timeoutMs} ms`;
  const cause = error instanceof Error ? (error.cause as { message?: string; code?: string } | undefined) : undefined;
  if (cause?.message) return cause.message;
  return error instanceof Error ? error.message : String(error);
}

/** Sends one request and reads the whole answer; never rejects. */
export async function probe(fetchImpl: typeof fetch, url: string, init: RequestInit, timeoutMs: number): Promise<Probe> {
  const started = Date.now();
  try {
    const response = await fetchImpl(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    const text = await response.text();
    return { ok: true, status: response.status, headers: response.headers, text, ms: Date.now() - started };
  } catch (error) {
    return { ok: false, error: fetchFailure(error, timeoutMs), ms: Date.now() - started };
  }
}

/** The `message` of a JSON error body (MLflow's or Kong's), else the start of the text. */
export function bodyMessage(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown; error?: { message?: unknown } | unknown };
    if (typeof parsed.message === "string") return parsed.message;
    const inner = parsed.error as { message?: unknown } | undefined;
    if (inner && typeof inner.message === "string") return inner.message;
  } catch {
    // not JSON
  }
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > 120 ? `${flat.slice(0, 120)}…` : flat;
}
