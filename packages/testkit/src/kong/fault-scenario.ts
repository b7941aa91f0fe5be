/** Request header that selects a fault scenario for one request. */
export const SCENARIO_HEADER = "x-standin-scenario";

/** Request header: delay in ms between stream chunks for the `slow-stream` scenario. */
export const CHUNK_DELAY_HEADER = "x-standin-chunk-delay-ms";

/** Request header: how many stream chunks are sent before `stream-cut` / `stream-garbage` strike. */
export const FAULT_AFTER_CHUNKS_HEADER = "x-standin-fault-after-chunks";

/**
 * Every named fault scenario. Select one per request with the
 * `x-standin-scenario` header, or for every request with the `fault` config.
 *
 * - `upstream-error-401`: the upstream answers 401 `invalid_api_key` (OpenAI shape); Kong passes it through.
 * - `upstream-error-500-html`: the upstream answers 500 with an HTML page; Kong passes it through.
 * - `upstream-429`: the upstream answers 429 `rate_limit_exceeded` (OpenAI shape); Kong passes it through.
 * - `kong-502`: the upstream drops the connection without answering; Kong answers 502.
 * - `kong-503`: Kong finds no healthy upstream and answers 503 without calling it.
 * - `kong-504`: the upstream never answers; Kong times out (after at most 100 ms) and answers 504.
 * - `stream-cut`: the upstream stream stops after N chunks and the connection is destroyed (no `[DONE]`).
 * - `slow-stream`: the upstream waits between stream chunks (and before a non-stream answer).
 * - `stream-garbage`: after N chunks the upstream sends a frame whose data is not JSON; Kong passes it through.
 * - `non-json-200`: the upstream answers 200 with a `text/plain` body.
 * - `missing-choices`: the upstream answers 200 JSON without `choices`.
 */
export const FAULT_SCENARIOS = [
  "upstream-error-401",
  "upstream-error-500-html",
  "upstream-429",
  "kong-502",
  "kong-503",
  "kong-504",
  "stream-cut",
  "slow-stream",
  "stream-garbage",
  "non-json-200",
  "missing-choices",
] as const;

/** The name of a fault scenario (see {@link FAULT_SCENARIOS}). */
export type FaultScenario = (typeof FAULT_SCENARIOS)[number];

/** True when `name` is a known fault scenario. */
export function isFaultScenario(name: unknown): name is FaultScenario {
  return typeof name === "string" && (FAULT_SCENARIOS as readonly string[]).includes(name);
}
