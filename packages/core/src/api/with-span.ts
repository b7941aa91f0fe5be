import type { LiveSpan } from "../tracing/span";
import { type SpanOptions, createSpan } from "../tracing/tracer";
import { runInSpan } from "./run-in-span";

/** Options of {@link withSpan}. */
export type WithSpanOptions = SpanOptions;

/**
 * Runs `callback` inside a new active span, so spans started inside it
 * (including traced OpenAI calls) nest under it, across `await` with the
 * node or edge package. The span ends when the callback returns or its
 * promise settles; the return value becomes the outputs unless the callback
 * set them. A throw marks the span ERROR and reaches you unchanged.
 * Accepts the callback first (MLflow's order) or the options first.
 *
 * @example
 * const answer = await withSpan(async (span) => {
 *   span.setInputs({ question });
 *   return await ask(question);
 * }, { name: "answer", spanType: SpanType.CHAIN });
 */
export function withSpan<T>(callback: (span: LiveSpan) => T, options?: WithSpanOptions): T;
export function withSpan<T>(options: WithSpanOptions, callback: (span: LiveSpan) => T): T;
export function withSpan<T>(
  a: ((span: LiveSpan) => T) | WithSpanOptions,
  b?: WithSpanOptions | ((span: LiveSpan) => T),
): T {
  const callbackFirst = typeof a === "function";
  const callback = (callbackFirst ? a : b) as (span: LiveSpan) => T;
  const options = ((callbackFirst ? b : a) ?? {}) as WithSpanOptions;
  if (typeof callback !== "function") throw new TypeError("withSpan: expected a callback function");
  const span = createSpan(options, callback.name || "span");
  return runInSpan(span, () => callback(span), false);
}
