import type { JsonValue } from "./json-value";
import { type WalkContext, emitContainer, readEntries, readEntry } from "./walk-context";

/**
 * `{ name, message, stack?, cause?, errors?, ...own enumerable props }` for an
 * Error. `cause` (and the `errors` of an AggregateError) are converted
 * recursively, so cause chains that loop end in `"[Circular]"`.
 * Fields that are absent or `undefined` are left out; one whose reading throws
 * becomes `"[Unreadable: ...]"`. The caller has already applied the depth
 * limit and pushed `error` on the ancestor stack.
 */
export function errorToJson(error: Error, depth: number, ctx: WalkContext): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  const childDepth = depth + 1;
  emitContainer(ctx);
  readEntry(ctx, out, error, "name", childDepth);
  readEntry(ctx, out, error, "message", childDepth);
  readEntry(ctx, out, error, "stack", childDepth);
  readEntry(ctx, out, error, "cause", childDepth);
  if (typeof AggregateError === "function" && error instanceof AggregateError) {
    readEntry(ctx, out, error, "errors", childDepth);
  }
  // Own enumerable properties; one named like a field above was shown there.
  return readEntries(ctx, out, error, Object.keys(error).filter((key) => !Object.hasOwn(out, key)), childDepth);
}
