const HEX: string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, "0"));

/** The prefix MLflow puts in front of the 32-hex OpenTelemetry trace id. */
export const TRACE_ID_PREFIX = "tr-";

function randomHex(bytes: number): string {
  const buf = new Uint8Array(bytes);
  crypto.getRandomValues(buf);
  // An all-zero id is invalid in OpenTelemetry and W3C trace context.
  if (buf.every((b) => b === 0)) buf[bytes - 1] = 1;
  let out = "";
  for (let i = 0; i < bytes; i++) out += HEX[buf[i]!];
  return out;
}

/** A new 32-hex (16-byte) OpenTelemetry trace id. */
export function newOtelTraceId(): string {
  return randomHex(16);
}

/** A new 16-hex (8-byte) span id. */
export function newSpanId(): string {
  return randomHex(8);
}

/** MLflow's trace id (`tr-` + 32 hex) for an OpenTelemetry trace id. */
export function toMlflowTraceId(otelTraceId: string): string {
  return TRACE_ID_PREFIX + otelTraceId;
}

/** The 32-hex OpenTelemetry trace id inside an MLflow trace id. */
export function toOtelTraceId(mlflowTraceId: string): string {
  return mlflowTraceId.startsWith(TRACE_ID_PREFIX) ? mlflowTraceId.slice(TRACE_ID_PREFIX.length) : mlflowTraceId;
}

/** Base64 of the raw bytes of a hex id, as MLflow's span JSON writes ids. */
export function hexToBase64(hex: string): string {
  let binary = "";
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}
