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
  const { [GATEWAY_RECORD_KEY]: value, ...rest } = attributes;
  try {
    const record = value as GatewayRecord;
    const given = Object(record.headers) as Record<string, unknown>;
    const headers: Record<string, string> = {};
    for (const name in given) if (typeof given[name] === "string") headers[name] = given[name];
    const model = rest["gen_ai.request.model"];
    const derived = gatewaySignals(headers, typeof model === "string" ? model : undefined);
    if (record.errorBody !== undefined) {
      Object.assign(derived, errorSourceAttributes(typeof record.errorBody === "string" ? record.errorBody : undefined, derived["kong.proxied"] as boolean | undefined));
    }
    return { ...derived, ...rest };
  } catch {
    return rest;
  }
}
