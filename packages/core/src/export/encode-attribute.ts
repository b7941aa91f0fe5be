import { safeStringify } from "../serialize";

/**
 * MLflow stores every span attribute value as JSON text (a string `LLM` is
 * stored as `"\"LLM\""`), and its readers JSON-decode them. Strings and
 * numbers take a fast path.
 */
export function encodeAttribute(value: unknown): string {
  switch (typeof value) {
    case "string":
      return JSON.stringify(value);
    case "number":
      return Number.isFinite(value) ? String(value) : JSON.stringify(String(value));
    case "boolean":
      return value ? "true" : "false";
    default:
      return safeStringify(value);
  }
}
