const cache = new WeakMap<Function, string[] | null>();

const COMMENTS = /\/\*[\s\S]*?\*\/|\/\/.*$/gm;
/** `x => ...` and `async x => ...`: one parameter, no parentheses. */
const SINGLE_ARROW_PARAM = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/;
/**
 * A plain, defaulted or rest parameter; group 1 is its name (with `...` for
 * a rest parameter), absent for an empty text (`()`, or a trailing comma).
 */
const SIMPLE_PARAM = /^\s*(?:((?:\.\.\.)?[A-Za-z_$][\w$]*)\s*(?:=[\s\S]*)?)?$/;

/**
 * The parameters of a function's source, as written (defaults included):
 * the text between its first `(` and the matching `)`, split at the commas
 * outside any brackets or string. Undefined when there is no such list.
 */
function parameterTexts(source: string): string[] | undefined {
  const single = SINGLE_ARROW_PARAM.exec(source);
  if (single) return [single[1] as string];
  let start = source.indexOf("(");
  if (start < 0) return undefined;
  const parts: string[] = [];
  let depth = 0;
  let quote = "";
  for (let i = start; i < source.length; i++) {
    const c = source[i] as string;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = "";
    } else if (`"'\``.includes(c)) {
      quote = c;
    } else if ("([{".includes(c)) {
      depth++;
    } else if ((c === "," && depth === 1) || (")]}".includes(c) && --depth === 0)) {
      parts.push(source.slice(start + 1, i));
      if (depth === 0) return parts;
      start = i;
    }
  }
  return undefined;
}

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

function readNames(source: string): string[] | null {
  const texts = source.includes("[native code]") ? undefined : parameterTexts(source.replace(COMMENTS, ""));
  if (!texts) return null;
  const names: string[] = [];
  for (const text of texts) {
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
