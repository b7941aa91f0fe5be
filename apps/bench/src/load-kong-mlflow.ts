/** The `@kong-mlflow/node` API, as the bench's own build of it exposes it. */
export type KongMlflow = typeof import("@kong-mlflow/node");

/** Loads `dist/kong-mlflow.js` (kept out of every other bundle, so untraced workers never load it). */
export async function loadKongMlflow(): Promise<KongMlflow> {
  const url = new URL("./kong-mlflow.js", import.meta.url).href;
  return (await import(url)) as KongMlflow;
}
