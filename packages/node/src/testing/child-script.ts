import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

/** How a child process ended. */
export interface ChildExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** True when the test killed it (SIGKILL) because it outlived `timeoutMs`. */
  killed: boolean;
  stdout: string;
  stderr: string;
  /** When it exited, `Date.now()`. */
  exitedAt: number;
}

/** A Node script running in a child process. */
export interface ChildScript {
  child: ChildProcess;
  /** Lines printed on stdout so far. */
  lines(): string[];
  /** Waits for a stdout line matching `pattern`; rejects when the child exits first or after `timeoutMs`. */
  waitForLine(pattern: RegExp, timeoutMs?: number): Promise<string>;
  /** Resolves when the child exited (or was killed after `timeoutMs`). */
  exit: Promise<ChildExit>;
}

/**
 * Runs `source` (an ES module) in a fresh `node` with the given environment.
 * `NODE_PACKAGE` in the source is replaced by the file URL of `packageEntry`
 * (the built `@kong-mlflow/node`), so the child imports it as an app would.
 * The child is SIGKILLed if it is still running after `timeoutMs`.
 */
export function runScript(
  source: string,
  options: { packageEntry: string; env?: Record<string, string>; nodeArgs?: string[]; timeoutMs: number },
): ChildScript {
  const dir = mkdtempSync(join(tmpdir(), "kong-mlflow-child-"));
  const file = join(dir, "script.mjs");
  writeFileSync(file, source.replaceAll("NODE_PACKAGE", JSON.stringify(pathToFileURL(options.packageEntry).href)));
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), file], {
    env: { PATH: process.env.PATH ?? "", ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  const waiters = new Set<() => void>();
  child.stdout!.setEncoding("utf8").on("data", (chunk: string) => {
    stdout += chunk;
    for (const w of waiters) w();
  });
  child.stderr!.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
  let killed = false;
  const timer = setTimeout(() => {
    killed = true;
    child.kill("SIGKILL");
  }, options.timeoutMs);
  let exited = false;
  const exit = new Promise<ChildExit>((resolve) => {
    child.once("close", (code, signal) => {
      const exitedAt = Date.now();
      exited = true;
      clearTimeout(timer);
      rmSync(dir, { recursive: true, force: true });
      for (const w of waiters) w();
      resolve({ code, signal, killed, stdout, stderr, exitedAt });
    });
  });
  const lines = () => stdout.split("\n").filter((l) => l !== "");
  const waitForLine = (pattern: RegExp, timeoutMs = 20_000) =>
    new Promise<string>((resolve, reject) => {
      const deadline = setTimeout(() => done(new Error(`no stdout line matching ${pattern} within ${timeoutMs} ms; stdout:\n${stdout}\nstderr:\n${stderr}`)), timeoutMs);
      const check = () => {
        const line = lines().find((l) => pattern.test(l));
        if (line !== undefined) done(undefined, line);
        else if (exited) done(new Error(`child exited before printing a line matching ${pattern}; stdout:\n${stdout}\nstderr:\n${stderr}`));
      };
      const done = (error: Error | undefined, line?: string) => {
        clearTimeout(deadline);
        waiters.delete(check);
        if (error) reject(error);
        else resolve(line!);
      };
      waiters.add(check);
      check();
    });
  return { child, lines, waitForLine, exit };
}
