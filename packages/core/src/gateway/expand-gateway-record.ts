import { errorSourceAttributes } from "./error-source";
import { GATEWAY_RECORD_KEY, type GatewayRecord } from "./gateway-record";
import { gatewaySignals } from "./gateway-signals";

/**
 * A span's attributes as exporters send them: the gateway record a traced
 * call left (see `GATEWAY_RECORD_KEY`) replaced by the attributes it means,
 * from `gatewaySignals` (the request id, provider and model, latencies,
 * cache and rate limits) and, for an error, `errorSourceAttributes`.
 * Attributes set on the span win over derived ones of the same name. A
 * record that cannot be read (a relay receives whatever a page sends) is
 * dropped. Returns `attributes` itself when there is no record. @internal
 */
export function expandGatewayRecord(attributes: Readonly<Record<string, unknown>>): Record<string, unknown> {
  if (!(GATEWAY_RECORD_KEY in attributes)) return attributes;
  let expanded: Record<string, unknown>;
  try {
    const record = attributes[GATEWAY_RECORD_KEY] as GatewayRecord;
    const model = attributes["gen_ai.request.model"];
    // a header value that is not a string is no header (headers-like.ts)
    expanded = gatewaySignals(Object(record.headers) as Record<string, string>, typeof model === "string" ? model : undefined);
    if (record.errorBody !== undefined) {
      Object.assign(expanded, errorSourceAttributes(typeof record.errorBody === "string" ? record.errorBody : undefined, expanded["kong.proxied"] as boolean | undefined));
    }
  } catch {
    expanded = {};
  }
  // A copy key by key (object rest and spread of a span's attributes cost ~10x more here)
  for (const key in attributes) if (key !== GATEWAY_RECORD_KEY) expanded[key] = attributes[key];
  return expanded;
}
