/**
 * A short description of anything a `throw` produced: the `message` of an
 * Error-like object, else its string form. Never throws, even for Proxies or
 * objects whose `message` getter or `toString` throws.
 */
export function thrownMessage(thrown: unknown): string {
  try {
    // `?.` skips null and undefined; primitives have no string `message`.
    const message: unknown = (thrown as { message?: unknown } | null | undefined)?.message;
    return typeof message === "string" ? message : String(thrown);
  } catch {
    return "unknown error";
  }
}
