/**
 * Safe serialization of span inputs and outputs: any value in, bounded and
 * valid JSON out, without throwing. Runs in browsers and edge runtimes:
 * ES2022 plus TextEncoder, no Node built-ins.
 *
 * @packageDocumentation
 */
export type { JsonValue } from "./json-value";
export { DEFAULT_SERIALIZE_LIMITS, type SerializeLimits } from "./limits";
export { TRUNCATION_MARKER } from "./markers";
export { safeStringify } from "./safe-stringify";
export { toJsonSafe } from "./to-json-safe";
