import { parseJsonWithBigInts } from "./big-json";

/**
 * Decodes one MLflow span attribute value the way MLflow's own readers do (Python
 * `_SpanAttributesRegistry.get`, the UI's `tryDeserializeAttribute`): MLflow stores every
 * value as a JSON-encoded string (`"\"LLM\""`, `"{\"x\": 1}"`), so a string is `JSON.parse`d;
 * if that fails, the raw string is returned as is. Non-strings are returned unchanged.
 * Integers beyond 2^53 become `bigint` (see `parseJsonWithBigInts`).
 */
export function decodeAttributeValue(value: unknown): unknown {
  if (typeof value !== "string") return value;
  try {
    return parseJsonWithBigInts(value);
  } catch {
    return value;
  }
}

/** Applies {@link decodeAttributeValue} to every value of an attribute map. */
export function decodeSpanAttributes(attributes: Record<string, unknown> | null | undefined): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(attributes ?? {})) out[key] = decodeAttributeValue(value);
  return out;
}
