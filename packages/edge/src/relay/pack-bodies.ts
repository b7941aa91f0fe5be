import { utf8Bytes } from "../browser/keepalive-fetch";

/**
 * Groups encoded traces into request bodies of at most `maxBytes` (UTF-8,
 * counting the payload wrapper as `overheadBytes`), keeping their order. A
 * trace too large for any body gets a body of its own. Returns index groups.
 */
export function packBodies(traceTexts: readonly string[], maxBytes: number, overheadBytes: number): number[][] {
  const groups: number[][] = [];
  let size = Infinity; // the first trace opens a body
  traceTexts.forEach((text, i) => {
    const bytes = utf8Bytes(text) + 1; // + the comma between traces
    if (size + bytes > maxBytes) {
      groups.push([]);
      size = overheadBytes;
    }
    groups.at(-1)!.push(i);
    size += bytes;
  });
  return groups;
}
