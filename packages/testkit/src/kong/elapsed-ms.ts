/** Whole milliseconds since a `performance.now()` timestamp, as Kong's latency headers show them. */
export function elapsedMs(since: number): number {
  return Math.max(0, Math.floor(performance.now() - since));
}
