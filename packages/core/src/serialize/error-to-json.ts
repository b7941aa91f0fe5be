import type { JsonValue } from "./json-value";
import { entries } from "./walk-context";

/**
 * `{ name, message, stack?, cause?, errors?, ...own enumerable props }` for an
 * Error. `cause` (and the `errors` of an AggregateError) are converted
 * recursively, so cause chains that loop end in `"[Circular]"`.
 * Fields that are absent or `undefined` are left out; one whose reading throws
 * becomes `"[Unreadable: ...]"`; only the own properties count toward
 * `maxEntries`. The caller has already applied the depth limit and pushed
 * `error` on the ancestor stack; `depth` is the depth of the fields.
 */
export function errorToJson(error: Error, depth: number): JsonValue {
  const fields = ["name", "message", "stack", "cause"];
  if (error instanceof AggregateError) fields.push("errors");
  // Own enumerable properties; one named like a field above is shown there.
  const keys = fields.slice();
  for (const key of Object.keys(error)) if (!fields.includes(key)) keys.push(key);
  return entries(error, keys, depth, fields.length);
}
