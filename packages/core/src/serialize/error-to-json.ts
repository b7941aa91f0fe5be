import type { JsonValue } from "./json-value";
import { truncatedKeysMarker, TRUNCATED_KEYS_KEY } from "./markers";
import { type WalkContext, type WalkFn, emitContainer, emitString, overBudget, readEntry, setEntry } from "./walk-context";

const hasOwn = Object.prototype.hasOwnProperty;

/**
 * `{ name, message, stack?, cause?, errors?, ...own enumerable props }` for an
 * Error. `cause` (and the `errors` of an AggregateError) are converted
 * recursively with `walk`, so cause chains that loop end in `"[Circular]"`.
 * Fields that are absent or `undefined` are left out; one whose reading throws
 * becomes `"[Unreadable: ...]"`. The caller has already applied the depth
 * limit and pushed `error` on the ancestor stack.
 */
export function errorToJson(error: Error, depth: number, ctx: WalkContext, walk: WalkFn): JsonValue {
  const out: { [key: string]: JsonValue } = {};
  const childDepth = depth + 1;
  emitContainer(ctx);
  readEntry(ctx, walk, out, error, "name", childDepth);
  readEntry(ctx, walk, out, error, "message", childDepth);
  readEntry(ctx, walk, out, error, "stack", childDepth);
  readEntry(ctx, walk, out, error, "cause", childDepth);
  if (typeof AggregateError === "function" && error instanceof AggregateError) {
    readEntry(ctx, walk, out, error, "errors", childDepth);
  }
  const keys = Object.keys(error);
  const kept = Math.min(keys.length, ctx.limits.maxEntries);
  let i = 0;
  for (; i < kept; i++) {
    if (overBudget(ctx)) break;
    const key = keys[i] as string;
    if (!hasOwn.call(out, key)) readEntry(ctx, walk, out, error, key, childDepth);
  }
  if (i < keys.length) {
    setEntry(ctx, out, TRUNCATED_KEYS_KEY, emitString(ctx, truncatedKeysMarker(keys.length - i)));
  }
  return out;
}
