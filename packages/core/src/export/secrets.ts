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
  // also as it appears inside JSON text (the same string when nothing needs escaping)
  if (secret.length >= MIN_SECRET_LENGTH) runtime().secrets.add(secret).add(JSON.stringify(secret).slice(1, -1));
}

/** Replaces every registered secret in `text`. Cheap when none occurs (one native search per secret). @internal */
export function scrubSecrets(text: string): string {
  for (const secret of runtime().secrets) text = text.replaceAll(secret, REDACTED);
  return text;
}
