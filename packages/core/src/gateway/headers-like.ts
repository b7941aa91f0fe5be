type HeaderRecord = Record<string, string | string[] | undefined>;

/** The part of `Headers` the signal readers need; a plain record works too. */
export type HeadersLike = { get(name: string): string | null; forEach(cb: (value: string, key: string) => void): void } | HeaderRecord;

/** A record's header as one string (several values joined, as `Headers` does); anything else is no header. */
function recordValue(record: HeaderRecord, key: string): string | undefined {
  const v = record[key];
  return Array.isArray(v) ? v.join(", ") : typeof v === "string" ? v : undefined;
}

/** Reads one header, case-insensitively, from a Headers or a plain record. */
export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof headers.get === "function") return (headers as Headers).get(name) ?? undefined;
  const lower = name.toLowerCase();
  for (const key in headers) if (key.toLowerCase() === lower) return recordValue(headers as HeaderRecord, key);
  return undefined;
}

/** Calls `cb` for every header with a lower-cased name. */
export function forEachHeader(headers: HeadersLike, cb: (name: string, value: string) => void): void {
  if (typeof headers.forEach === "function") return (headers as Headers).forEach((value, key) => cb(key.toLowerCase(), value));
  for (const key in headers) {
    const v = recordValue(headers as HeaderRecord, key);
    if (v !== undefined) cb(key.toLowerCase(), v);
  }
}
