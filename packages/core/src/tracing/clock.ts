/** The high-resolution clock, where the runtime has one. */
const performanceClock = typeof globalThis.performance?.now === "function" ? globalThis.performance : undefined;
const origin = performanceClock?.timeOrigin || Date.now();

/**
 * Wall-clock time in epoch milliseconds with sub-millisecond precision.
 * A double holds epoch ms with about microsecond resolution, which is what
 * span timings need.
 */
export const nowMs: () => number = performanceClock ? () => origin + performanceClock.now() : () => Date.now();

/** Epoch ms (fractional) to an integer count of epoch nanoseconds. */
export const msToNs = (ms: number): bigint => BigInt(Math.round(ms * 1000)) * 1000n;

/** Epoch nanoseconds (number or bigint) to epoch ms; now when `ns` is undefined. */
export const epochMs = (ns?: number | bigint): number =>
  ns === undefined ? nowMs() : typeof ns === "bigint" ? Number(ns / 1000n) / 1000 : ns / 1e6;
