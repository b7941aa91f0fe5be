/**
 * Bounds applied when serializing span inputs and outputs. Every field is
 * optional; a missing, `NaN` or non-number field takes its default. Values are
 * rounded down; `Infinity` turns a bound off.
 */
export interface SerializeLimits {
  /** Max UTF-8 bytes of the whole JSON text. Default 256 * 1024. Values below 2 act as 2. */
  maxBytes?: number;
  /** Max chars (UTF-16 code units) of any single string before it is cut. Default 64 * 1024. */
  maxStringLength?: number;
  /**
   * Max nesting depth. Default 32. The top-level value is at depth 0; a
   * container (array, object, Map, Set, Error) found at depth `maxDepth` or
   * deeper is replaced by `"[Max depth]"`, so `maxDepth: 1` keeps `{ a: 1 }`
   * but turns `{ a: {} }` into `{ "a": "[Max depth]" }`.
   */
  maxDepth?: number;
  /** Max entries kept per array / object / Map / Set. Default 2000. */
  maxEntries?: number;
}

/** {@link SerializeLimits} with every bound filled in (after defaults and clamping). */
export type ResolvedLimits = Readonly<Required<SerializeLimits>>;

/** The bounds used when a caller passes none. */
export const DEFAULT_SERIALIZE_LIMITS: ResolvedLimits = Object.freeze({
  maxBytes: 256 * 1024,
  maxStringLength: 64 * 1024,
  maxDepth: 32,
  maxEntries: 2000,
});

function bound(value: unknown, fallback: number, min: number): number {
  if (typeof value !== "number" || Number.isNaN(value)) return fallback;
  return Math.max(min, Math.floor(value));
}

/**
 * Fills in defaults and clamps: negative bounds act as 0 and `maxBytes` is at
 * least 2 (the size of `""`, the smallest JSON text that can stand for a cut
 * value). Never throws, whatever `limits` is.
 */
export function resolveLimits(limits?: SerializeLimits): ResolvedLimits {
  if (limits === undefined || limits === null || typeof limits !== "object") return DEFAULT_SERIALIZE_LIMITS;
  try {
    const d = DEFAULT_SERIALIZE_LIMITS;
    return {
      maxBytes: bound(limits.maxBytes, d.maxBytes, 2),
      maxStringLength: bound(limits.maxStringLength, d.maxStringLength, 0),
      maxDepth: bound(limits.maxDepth, d.maxDepth, 0),
      maxEntries: bound(limits.maxEntries, d.maxEntries, 0),
    };
  } catch {
    // `limits` itself may be a Proxy or have throwing getters.
    return DEFAULT_SERIALIZE_LIMITS;
  }
}
