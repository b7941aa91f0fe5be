/** True when `high` and `low` are the two halves of one surrogate pair (NaN, past a string's end, is not). */
export function isSurrogatePair(high: number, low: number): boolean {
  return high >= 0xd800 && high <= 0xdbff && low >= 0xdc00 && low <= 0xdfff;
}
