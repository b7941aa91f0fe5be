/**
 * Base64 of the raw bytes of a hex id, as MLflow's span JSON writes ids.
 * Only exporters need it: it lives apart from `ids.ts`, which every page loads.
 */
export function hexToBase64(hex: string): string {
  let binary = "";
  for (let i = 0; i < hex.length; i += 2) binary += String.fromCharCode(parseInt(hex.slice(i, i + 2), 16));
  return btoa(binary);
}
