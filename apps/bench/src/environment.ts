import { execFileSync } from "node:child_process";
import { cpus, loadavg, totalmem } from "node:os";

/** The machine and its load while the bench ran. */
export interface Environment {
  node: string;
  cpu: string;
  cores: number;
  memGiB: number;
  /** 1/5/15-minute load averages, at start and at end. */
  loadStart: number[];
  loadEnd?: number[];
  gitCommit: string | undefined;
  gitDirty: boolean | undefined;
  startedAt: string;
}

function git(args: string[], cwd: string): string | undefined {
  try {
    return execFileSync("git", args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] }).trim();
  } catch {
    return undefined;
  }
}

/** Describes the machine now. */
export function describeEnvironment(repoRoot: string): Environment {
  const status = git(["status", "--porcelain", "--", "packages"], repoRoot);
  return {
    node: process.version,
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memGiB: Math.round(totalmem() / 2 ** 30),
    loadStart: loadavg().map((l) => Math.round(l * 100) / 100),
    gitCommit: git(["rev-parse", "--short", "HEAD"], repoRoot),
    gitDirty: status === undefined ? undefined : status !== "",
    startedAt: new Date().toISOString(),
  };
}

/** The load averages now. */
export function loadNow(): number[] {
  return loadavg().map((l) => Math.round(l * 100) / 100);
}
