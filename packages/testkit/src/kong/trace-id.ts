import { randomBytes } from "node:crypto";

const TRACEPARENT = /^([0-9a-f]{2})-([0-9a-f]{32})-([0-9a-f]{16})-([0-9a-f]{2})$/;

/**
 * The trace id of a W3C `traceparent` header, or undefined when the header is
 * missing or invalid (bad shape, version `ff`, all-zero trace or span id).
 */
export function traceIdFromTraceparent(traceparent: string | undefined): string | undefined {
  const match = TRACEPARENT.exec((traceparent ?? "").trim().toLowerCase());
  if (!match) return undefined;
  const [, version, traceId, spanId] = match as unknown as [string, string, string, string];
  if (version === "ff" || /^0+$/.test(traceId) || /^0+$/.test(spanId)) return undefined;
  return traceId;
}

/** A new random 32-hex trace id, as Kong's tracer starts when no valid parent came in. */
export function newTraceId(): string {
  return randomBytes(16).toString("hex");
}
