import { createHash } from "node:crypto";
import { KONG_MESSAGES } from "./kong-error-response";
import type { KeyAuthConfig } from "./kong-standin-config";

/** The consumer a key belongs to; Kong sends these upstream as `X-Consumer-*` headers. */
export interface Consumer {
  /** `X-Consumer-ID`: a UUID derived from the username. */
  id: string;
  /** `X-Consumer-Username`. */
  username: string;
  /** `X-Credential-Identifier`: a UUID derived from the key. */
  credentialId: string;
}

/** Outcome of {@link authenticateKey}. */
export type KeyAuthResult =
  | { ok: true; consumer: Consumer }
  | { ok: false; message: (typeof KONG_MESSAGES)["noApiKey" | "unauthorized" | "duplicateApiKey"] };

function uuidFrom(seed: string): string {
  const h = createHash("sha256").update(seed).digest("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The key names a config looks for (Kong `key_names`, default `["apikey"]`). */
export function keyNames(config: KeyAuthConfig): string[] {
  return config.headerNames && config.headerNames.length > 0 ? config.headerNames : ["apikey"];
}

/** The `WWW-Authenticate` value key-auth sends with its 401s. */
export function wwwAuthenticate(config: KeyAuthConfig): string {
  return config.realm !== undefined ? `Key realm="${config.realm}"` : "Key";
}

/**
 * Kong key-auth, as in `kong/plugins/key-auth/handler.lua`: for each key name
 * in order, the header (any case), else the query parameter; the first found
 * wins. A name given twice → `Duplicate API key found`; none (or empty) →
 * `No API key found in request`; an unknown key → `Unauthorized`.
 *
 * @param headers request headers with every value kept (Node's `headersDistinct`)
 */
export function authenticateKey(
  headers: Record<string, string[] | undefined>,
  query: URLSearchParams,
  config: KeyAuthConfig,
): KeyAuthResult {
  let key: string | undefined;
  for (const name of keyNames(config)) {
    const fromHeader = headers[name.toLowerCase()];
    const values = fromHeader && fromHeader.length > 0 ? fromHeader : query.getAll(name);
    if (values.length > 1) return { ok: false, message: KONG_MESSAGES.duplicateApiKey };
    if (values.length === 1) {
      key = values[0];
      break;
    }
  }
  if (key === undefined || key === "") return { ok: false, message: KONG_MESSAGES.noApiKey };

  const index = config.keys.findIndex((k) => (typeof k === "string" ? k : k.key) === key);
  if (index < 0) return { ok: false, message: KONG_MESSAGES.unauthorized };
  const credential = config.keys[index];
  const username = (typeof credential === "object" ? credential.username : undefined) ?? `consumer-${index + 1}`;
  return {
    ok: true,
    consumer: { id: uuidFrom(`consumer:${username}`), username, credentialId: uuidFrom(`credential:${key}`) },
  };
}
