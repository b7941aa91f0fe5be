/** The part of `Headers` the signal readers need; a plain record works too. */
export type HeadersLike = { get(name: string): string | null; forEach(cb: (value: string, key: string) => void): void } | Record<string, string | string[] | undefined>;

/** Reads one header, case-insensitively, from a Headers or a plain record. */
export function headerValue(headers: HeadersLike, name: string): string | undefined {
  if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
  const record = headers as Record<string, string | string[] | undefined>;
  const lower = name.toLowerCase();
  for (const key in record) {
    if (key.toLowerCase() === lower) {
      const v = record[key];
      return Array.isArray(v) ? v.join(", ") : v;
    }
  }
  return undefined;
}

/** Calls `cb` for every header with a lower-cased name. */
export function forEachHeader(headers: HeadersLike, cb: (name: string, value: string) => void): void {
  if (typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    (headers as Headers).forEach((value, key) => cb(key.toLowerCase(), value));
    return;
  }
  const record = headers as Record<string, string | string[] | undefined>;
  for (const key in record) {
    const v = record[key];
    if (v !== undefined) cb(key.toLowerCase(), Array.isArray(v) ? v.join(", ") : v);
  }
}
