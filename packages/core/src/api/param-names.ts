const cache = new WeakMap<Function, string[] | null>();

function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quote) {
      if (c === "\\") i++;
      else if (c === quote) quote = undefined;
      continue;
    }
    if (c === '"' || c === "'" || c === "`") quote = c;
    else if (c === "(" || c === "[" || c === "{") depth++;
    else if (c === ")" || c === "]" || c === "}") depth--;
    else if (c === "," && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.map((p) => p.trim()).filter(Boolean);
}

function paramListText(source: string): string | undefined {
  const src = source.replace(/\/\*[\s\S]*?\*\//g, "").replace(/\/\/.*$/gm, "");
  const arrowSingle = /^(?:async\s+)?([A-Za-z_$][\w$]*)\s*=>/.exec(src);
  if (arrowSingle) return arrowSingle[1];
  const open = src.indexOf("(");
  if (open < 0) return undefined;
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    const c = src[i];
    if (c === "(") depth++;
    else if (c === ")" && --depth === 0) return src.slice(open + 1, i);
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
  const cached = cache.get(fn);
  if (cached !== undefined) return cached;
  let names: string[] | null = null;
  try {
    const source = Function.prototype.toString.call(fn);
    const list = source.includes("[native code]") ? undefined : paramListText(source);
    if (list !== undefined) {
      const parsed = splitTopLevel(list).map((p) => p.replace(/\s*=[\s\S]*$/, "").trim());
      names = parsed.every((p) => /^(\.\.\.)?[A-Za-z_$][\w$]*$/.test(p)) ? parsed : null;
    }
  } catch {
    names = null;
  }
  cache.set(fn, names);
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
