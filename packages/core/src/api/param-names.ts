const cache = new WeakMap<Function, string[] | null>();

/** A comment (blanked out) or a string literal (group 1: its quote; it becomes `0`). */
const COMMENT_OR_STRING = /\/\*[\s\S]*?\*\/|\/\/.*|(["'`])(?:\\[\s\S]|(?!\1)[^\\])*\1/g;
/** A bracketed group with no other group of its kind inside: collapsed to `0`, innermost first. */
const GROUP = /\([^()]*\)|\[[^[\]]*\]|\{[^{}]*\}/g;
/** `x => ...` and `async x => ...`: one parameter, no parentheses. */
const SINGLE_ARROW_PARAM = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/;
/**
 * A plain, defaulted or rest parameter; group 1 is its name (with `...` for
 * a rest parameter), absent for an empty text (`()`, or a trailing comma).
 */
const SIMPLE_PARAM = /^\s*(?:((?:\.\.\.)?[A-Za-z_$][\w$]*)\s*(?:=[\s\S]*)?)?$/;

/**
 * The parameter names of a function, read from its source once and cached:
 * `name` for plain and defaulted parameters, `...name` for a rest parameter,
 * and null when a parameter is destructured or the source is unreadable
 * (native or minified-away code). @internal
 */
export function paramNames(fn: Function): string[] | null {
  let names = cache.get(fn);
  if (names === undefined) {
    try {
      names = readNames(Function.prototype.toString.call(fn));
    } catch {
      names = null;
    }
    cache.set(fn, names);
  }
  return names;
}

/**
 * The names in a function's source: with comments and strings out of the
 * way, every bracketed group (a default's object or call, a destructured
 * parameter) collapses to `0`, so the list ends at the first `)` left and
 * splits at its commas.
 */
function readNames(source: string): string[] | null {
  if (source.includes("[native code]")) return null;
  source = source.replace(COMMENT_OR_STRING, (_, quote) => (quote ? "0" : " "));
  const single = SINGLE_ARROW_PARAM.exec(source);
  if (single) return [single[1]!];
  let rest = source.slice(source.indexOf("(") + 1);
  for (let before; before !== rest; ) rest = (before = rest).replace(GROUP, "0");
  const end = rest.indexOf(")");
  if (end < 0) return null;
  const names: string[] = [];
  for (const text of rest.slice(0, end).split(",")) {
    const match = SIMPLE_PARAM.exec(text);
    if (!match) return null;
    if (match[1]) names.push(match[1]);
  }
  return names;
}

/**
 * A traced function's inputs: `{ paramName: value }` when the names are
 * known, else `{ args: [...] }`, as MLflow's `trace()` records them. @internal
 */
export function argsToInputs(names: string[] | null, args: unknown[]): Record<string, unknown> {
  if (!names) return { args };
  const inputs: Record<string, unknown> = {};
  for (let i = 0; i < names.length; i++) {
    const name = names[i]!;
    if (name.startsWith("...")) {
      inputs[name.slice(3)] = args.slice(i);
      return inputs;
    }
    if (i < args.length) inputs[name] = args[i];
  }
  if (args.length > names.length) inputs.args = args.slice(names.length);
  return inputs;
}
