import { createHash, randomBytes } from "node:crypto";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

/** A random OpenAI-style id, e.g. `randomId("chatcmpl-", 29)` → `chatcmpl-AbC...`. */
export function randomId(prefix: string, length: number): string {
  const bytes = randomBytes(length);
  let out = prefix;
  for (const byte of bytes) out += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return out;
}

/** A random lowercase hex string of `length` characters. */
export function randomHex(length: number): string {
  return randomBytes(Math.ceil(length / 2))
    .toString("hex")
    .slice(0, length);
}

/** A deterministic id: `prefix` + the first `length` hex chars of sha256(seed). */
export function deterministicId(prefix: string, seed: string, length: number): string {
  return prefix + createHash("sha256").update(seed).digest("hex").slice(0, length);
}
