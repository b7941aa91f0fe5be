import { runtime } from "../runtime/runtime";
import { thrownMessage } from "../serialize/thrown-message";
import type { LiveSpan } from "../tracing/span";

/**
 * Marks the span as failed with the error, without touching the error, and
 * ends it, whatever was thrown: a value with no string form
 * (`Object.create(null)`) or a hostile Proxy must not leave the span open,
 * which would lose its whole trace. @internal
 */
export function failSpan(span: LiveSpan, error: unknown): void {
  try {
    span.recordException(error);
  } catch {
    // tracing must never change what the caller sees
  }
  try {
    span.setStatus("ERROR", thrownMessage(error));
    span.end();
  } catch {
    // as above
  }
}

/**
 * Records `value` as the outputs, unless the span has outputs already (or
 * `value` is undefined and `keepUndefined` is false), and ends the span,
 * never throwing.
 */
function succeedSpan(span: LiveSpan, value: unknown, keepUndefined: boolean): void {
  try {
    if (span.outputsJson === undefined && (keepUndefined || value !== undefined)) span.setOutputs(value);
    span.end();
  } catch {
    // never surface tracing errors
  }
}

/**
 * Runs `fn` with `span` active and ends the span when `fn` settles: on a
 * return (sync or async) with the result recorded as the outputs (see
 * {@link succeedSpan}), on a throw or rejection with ERROR status and the
 * exception recorded. The caller gets exactly what `fn` returned or threw;
 * a returned promise is the same object.
 * @internal
 */
export function runInSpan<T>(span: LiveSpan, fn: () => T, keepUndefined: boolean): T {
  let result: T;
  try {
    result = runtime().contextManager.with(span, fn);
  } catch (error) {
    failSpan(span, error);
    throw error;
  }
  // `then` is read once
  let then: unknown;
  try {
    then = (result as { then?: unknown } | undefined)?.then;
  } catch {
    // a value whose `then` cannot be read (a hostile Proxy): not a thenable, and no throw
  }
  if (typeof then === "function") {
    then.call(
      result,
      (value: unknown) => succeedSpan(span, value, keepUndefined),
      (error: unknown) => failSpan(span, error),
    );
  } else {
    succeedSpan(span, result, keepUndefined);
  }
  return result;
}
