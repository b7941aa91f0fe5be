/**
 * JSON parsing that keeps integers beyond `Number.MAX_SAFE_INTEGER` exact.
 *
 * MLflow writes span timestamps (`start_time_unix_nano` …) as bare JSON integers around
 * 1.7e18, which `JSON.parse` silently rounds. {@link parseJsonWithBigInts} returns every
 * integer literal outside the safe range (±(2^53 − 1)) as a `bigint`; all other numbers stay
 * `number`. It never changes strings.
 */

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * Like `JSON.parse`, but integer literals outside the safe range become `bigint`.
 * Floats and exponent forms (`1.5`, `1e21`) stay `number`.
 */
export function parseJsonWithBigInts(text: string): unknown {
  // Tag unsafe integers (outside strings) as special strings, then turn them back in a reviver.
  // The tag contains a random nonce, so no genuine string can collide with it.
  const tag = `\u0000bigint:${Math.random().toString(36).slice(2)}:`;
  let out = "";
  let last = 0;
  let changed = false;
  const n = text.length;
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i += 2;
        else if (d === 0x22) {
          i++;
          break;
        } else i++;
      }
      continue;
    }
    if (c === 0x2d /* - */ || (c >= 0x30 && c <= 0x39)) {
      const start = i;
      i++;
      while (i < n) {
        const d = text.charCodeAt(i);
        if ((d >= 0x30 && d <= 0x39) || d === 0x2e || d === 0x65 || d === 0x45 || d === 0x2b || d === 0x2d) i++;
        else break;
      }
      const literal = text.slice(start, i);
      if (/^-?\d{16,}$/.test(literal)) {
        const big = BigInt(literal);
        if (big > SAFE || big < -SAFE) {
          out += text.slice(last, start) + JSON.stringify(tag + literal);
          last = i;
          changed = true;
        }
      }
      continue;
    }
    i++;
  }
  if (!changed) return JSON.parse(text);
  out += text.slice(last);
  return JSON.parse(out, (_key, value: unknown) =>
    typeof value === "string" && value.startsWith(tag) ? BigInt(value.slice(tag.length)) : value,
  );
}

/** `BigInt(x)` for a number, bigint or decimal string (as found in span JSON); throws on anything else. */
export function toBigInt(value: unknown): bigint {
  if (typeof value === "bigint") return value;
  if (typeof value === "number" && Number.isInteger(value)) return BigInt(value);
  if (typeof value === "string" && /^-?\d+$/.test(value)) return BigInt(value);
  throw new TypeError(`Not an integer: ${String(value)}`);
}

/** `JSON.stringify` that writes `bigint` values as bare integer literals (the inverse of {@link parseJsonWithBigInts}). */
export function stringifyJsonWithBigInts(value: unknown, space?: number): string {
  const tag = `\u0000bigint:${Math.random().toString(36).slice(2)}:`;
  const json = JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? tag + v.toString() : v), space);
  if (json === undefined) return json as unknown as string;
  const quotedTag = JSON.stringify(tag).slice(1, -1);
  return json.replace(new RegExp(`"${quotedTag.replace(/[\\^$.*+?()[\]{}|]/g, "\\$&")}(-?\\d+)"`, "g"), "$1");
}
