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

/**
 * Fills in defaults and clamps: negative bounds act as 0 and `maxBytes` is at
 * least 2 (the size of `""`, the smallest JSON text that can stand for a cut
 * value). Never throws, whatever `limits` is.
 */
export function resolveLimits(limits?: SerializeLimits): ResolvedLimits {
  const defaults = DEFAULT_SERIALIZE_LIMITS;
  if (!limits) return defaults;
  const resolved: Record<string, number> = {};
  try {
    for (const key in defaults) {
      const value: unknown = limits[key as keyof SerializeLimits];
      resolved[key] =
        typeof value === "number" && value === value
          ? Math.max(key === "maxBytes" ? 2 : 0, Math.floor(value))
          : defaults[key as keyof SerializeLimits];
    }
  } catch {
    // `limits` itself may be a Proxy or have throwing getters.
    return defaults;
  }
  return resolved as ResolvedLimits;
}
