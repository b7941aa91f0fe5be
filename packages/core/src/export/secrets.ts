import { runtime } from "../runtime/runtime";

/** Shorter values are not treated as secrets (they would redact ordinary words). */
const MIN_SECRET_LENGTH = 8;

/** What a secret is replaced with in anything sent to MLflow. */
export const REDACTED = "[REDACTED]";

/**
 * Makes sure a secret never reaches MLflow: every payload sent to MLflow is
 * scanned for it, and it is replaced by `[REDACTED]`. `tracedOpenAI` and
 * `kongGateway` register the API keys and Kong consumer keys they see; call
 * this for any other credential your app handles. Values shorter than 8
 * characters are ignored.
 */
export function registerSecret(value: string | undefined | null): void {
  if (typeof value !== "string") return;
  const secret = value.replace(/^Bearer\s+/i, "").trim();
  if (secret.length < MIN_SECRET_LENGTH) return;
  const secrets = runtime().secrets;
  secrets.add(secret);
  const escaped = JSON.stringify(secret).slice(1, -1);
  if (escaped !== secret) secrets.add(escaped);
}

/** Replaces every registered secret in `text`. Cheap when none occurs (one native search per secret). @internal */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of runtime().secrets) {
    if (out.includes(secret)) out = out.split(secret).join(REDACTED);
  }
  return out;
}
