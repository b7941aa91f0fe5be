import { randomBytes } from "node:crypto";

/**
 * A new Kong request id: 32 lowercase hex chars (16 random bytes), as Kong's
 * `kong_request_id` variable. Sent back as `X-Kong-Request-Id`, forwarded
 * upstream under the same name, and used as `request_id` in Kong error bodies.
 */
export function newKongRequestId(): string {
  return randomBytes(16).toString("hex");
}
