/**
 * Conversions between the lowercase hex ids of OTel/OTLP JSON (and of MLflow's `tr-<hex>`
 * trace ids) and the base64 ids of MLflow's `traces.json`.
 */

/** Base64 (as in `traces.json`) to lowercase hex; `""` for an empty or null id. */
export function base64IdToHex(id: string | null | undefined): string {
  if (!id) return "";
  return Buffer.from(id, "base64").toString("hex");
}

/** Lowercase or uppercase hex to base64 (the `traces.json` form). */
export function hexIdToBase64(hex: string): string {
  if (!/^(?:[0-9a-fA-F]{2})+$/.test(hex)) throw new TypeError(`Not an even-length hex id: ${hex}`);
  return Buffer.from(hex, "hex").toString("base64");
}

/** The 32-hex OTel trace id inside an MLflow trace id `tr-<32 hex>`. */
export function otelTraceIdHex(mlflowTraceId: string): string {
  const m = /^tr-([0-9a-f]{32})$/i.exec(mlflowTraceId);
  if (!m) throw new TypeError(`Not an MLflow trace id of the form tr-<32 hex>: ${mlflowTraceId}`);
  return m[1]!.toLowerCase();
}
