/**
 * `@kong-mlflow/edge/relay`: the trace relay for a route of your own server,
 * as a fetch handler that runs as-is in Cloudflare Workers and Vercel Edge
 * (in Node, use `createTraceRelay` and `toNodeHandler` from `@kong-mlflow/node`).
 * A separate entry, so browser bundles never carry it.
 * @packageDocumentation
 */
export { createTraceRelay, RelayPayloadError, RELAY_FORMAT, type TraceRelay, type TraceRelayOptions, type RelayLimits, type RelayPayload } from "@kong-mlflow/core/internal";
