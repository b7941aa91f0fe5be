/** Where kong-mlflow reports problems. Replace it with `setLogger`. */
export interface Logger {
  warn(message: string): void;
  error(message: string): void;
  debug?(message: string): void;
}

const toConsole = (level: "warn" | "error") => (m: string) => console[level](`[kong-mlflow] ${m}`);
const consoleLogger: Logger = { warn: toConsole("warn"), error: toConsole("error") };

let current: Logger = consoleLogger;
const said = new Set<string>();

/** Routes kong-mlflow's warnings and errors to your own logger (or back to the console with `undefined`). */
export function setLogger(logger: Logger | undefined): void {
  current = logger ?? consoleLogger;
}

/** The logger in use. @internal */
export function logger(): Logger {
  return current;
}

/**
 * Warns once per key, so a failure repeated on every trace is reported once
 * (the counts live in the diagnostics). @internal
 */
export function warnOnce(key: string, message: string): void {
  if (said.has(key)) return;
  said.add(key);
  current.warn(message);
}

/** Forgets which warnings were given (for tests). @internal */
export function resetWarnings(): void {
  said.clear();
}
