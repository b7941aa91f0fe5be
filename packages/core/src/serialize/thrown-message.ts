/**
 * A short description of anything a `throw` produced: the `message` of an
 * Error-like object, else its string form. Never throws, even for Proxies or
 * objects whose `message` getter or `toString` throws.
 */
export function thrownMessage(thrown: unknown): string {
  try {
    if (typeof thrown === "object" && thrown !== null) {
      const message = (thrown as { message?: unknown }).message;
      if (typeof message === "string") return message;
    }
    return String(thrown);
  } catch {
    return "unknown error";
  }
}
