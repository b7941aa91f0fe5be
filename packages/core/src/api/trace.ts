import type { LiveSpan } from "../tracing/span";
import { type SpanOptions, createSpan } from "../tracing/tracer";
import { argsToInputs, paramNames } from "./param-names";
import { runInSpan } from "./run-in-span";

/** Options of {@link trace}. */
export type TraceOptions = Omit<SpanOptions, "inputs" | "parent">;

// biome-ignore lint: any is the honest type of an arbitrary function here
type AnyFn = (this: any, ...args: any[]) => any;

/** A decorator for methods, in both TC39 (TypeScript 5+) and legacy `experimentalDecorators` form. */
export interface TraceDecorator {
  <F extends AnyFn>(method: F, context: ClassMethodDecoratorContext): F;
  (target: object, propertyKey: string | symbol, descriptor: PropertyDescriptor): PropertyDescriptor;
}

function wrap<F extends AnyFn>(fn: F, options: TraceOptions, defaultName?: string): F {
  const names = paramNames(fn);
  const name = options.name || defaultName || fn.name || "function";
  const traced = function (this: unknown, ...args: unknown[]) {
    let span: LiveSpan;
    try {
      span = createSpan(options, name, argsToInputs(names, args));
    } catch {
      return fn.apply(this, args);
    }
    return runInSpan(span, () => fn.apply(this, args), true);
  } as F;
  // redefined, they stay configurable, as a function's own name and length are
  return Object.defineProperties(traced, { name: { value: fn.name }, length: { value: fn.length } });
}

function decorator(options: TraceOptions): TraceDecorator {
  return function (target: unknown, keyOrContext: unknown, descriptor?: PropertyDescriptor) {
    if (typeof descriptor?.value === "function") {
      descriptor.value = wrap(descriptor.value, options, String(keyOrContext));
      return descriptor;
    }
    if (typeof target === "function" && keyOrContext && typeof keyOrContext === "object") {
      const context = keyOrContext as ClassMethodDecoratorContext;
      return wrap(target as AnyFn, options, String(context.name));
    }
    throw new TypeError("trace(options) decorates methods only");
  } as TraceDecorator;
}

/**
 * Wraps a function so every call is a span: the arguments become the inputs
 * (by parameter name), the return value (or the awaited value of a promise)
 * becomes the outputs, and a throw marks the span ERROR and reaches the
 * caller unchanged. Spans started inside nest under it. Works for sync and
 * async functions, keeps `this`, and also works as a method decorator.
 *
 * Takes the function first (MLflow's order) or the options first, as the
 * Kong AI Gateway guide writes it.
 *
 * @example
 * const askQuestion = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string) => {
 *   return client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: question }] });
 * });
 *
 * @example
 * class Agent {
 *   @trace({ spanType: SpanType.AGENT })
 *   async run(task: string) { ... }
 * }
 */
export function trace<F extends AnyFn>(fn: F, options?: TraceOptions): F;
export function trace<F extends AnyFn>(options: TraceOptions, fn: F): F;
export function trace(options: TraceOptions): TraceDecorator;
export function trace(a: AnyFn | TraceOptions, b?: AnyFn | TraceOptions): unknown {
  if (typeof a === "function") return wrap(a, (b as TraceOptions | undefined) ?? {});
  if (typeof b === "function") return wrap(b, a ?? {});
  if (b === undefined) return decorator(a ?? {});
  throw new TypeError("trace: expected a function (and options)");
}
