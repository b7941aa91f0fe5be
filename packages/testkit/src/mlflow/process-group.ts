import { readdirSync, readFileSync } from "node:fs";

/**
 * Sends `signal` to every process in process group `pgid` (`kill(-pgid)`).
 * Returns false when the group no longer exists.
 */
export function signalProcessGroup(pgid: number, signal: NodeJS.Signals | 0): boolean {
  try {
    process.kill(-pgid, signal);
    return true;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "ESRCH") return false;
    throw err;
  }
}

/** Linux: pids of live (non-zombie) processes whose process group is `pgid`, from /proc. */
function liveMembersFromProc(pgid: number): number[] | undefined {
  let entries: string[];
  try {
    entries = readdirSync("/proc");
  } catch {
    return undefined;
  }
  const members: number[] = [];
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    let stat: string;
    try {
      stat = readFileSync(`/proc/${entry}/stat`, "utf8");
    } catch {
      continue; // exited meanwhile
    }
    // "pid (comm) state ppid pgrp ..."; comm may contain spaces and parentheses.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const state = fields[0];
    const pgrp = Number(fields[2]);
    if (pgrp === pgid && state !== "Z" && state !== "X") members.push(Number(entry));
  }
  return members;
}

/**
 * Pids of the live processes left in group `pgid`. On Linux zombies are not counted (they
 * hold no resources and wait only for their parent to reap them). Elsewhere this returns
 * `[pgid]` while `kill(-pgid, 0)` succeeds.
 */
export function processGroupMembers(pgid: number): number[] {
  const fromProc = process.platform === "linux" ? liveMembersFromProc(pgid) : undefined;
  if (fromProc) return fromProc;
  return signalProcessGroup(pgid, 0) ? [pgid] : [];
}

/** Polls until group `pgid` has no live process. Resolves false on timeout. */
export async function waitForProcessGroupExit(pgid: number, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (processGroupMembers(pgid).length === 0) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 50));
  }
}

/**
 * Ends process group `pgid`: SIGTERM, then SIGKILL after `graceMs` if anything is still alive,
 * and waits until no member is left.
 *
 * @throws Error if processes survive SIGKILL for `killWaitMs`.
 */
export async function killProcessGroup(
  pgid: number,
  { graceMs = 5_000, killWaitMs = 5_000 }: { graceMs?: number; killWaitMs?: number } = {},
): Promise<void> {
  if (!signalProcessGroup(pgid, "SIGTERM")) return;
  if (await waitForProcessGroupExit(pgid, graceMs)) return;
  signalProcessGroup(pgid, "SIGKILL");
  if (await waitForProcessGroupExit(pgid, killWaitMs)) return;
  throw new Error(`Process group ${pgid} still has live processes after SIGKILL: ${processGroupMembers(pgid).join(", ")}`);
}

// ---- last-resort cleanup when this Node process goes away -------------------------------

/** Tracked groups, each with an optional synchronous cleanup to run after it was killed. */
const tracked = new Map<number, (() => void) | undefined>();
let hooksInstalled = false;

function killTrackedNow(): void {
  for (const pgid of tracked.keys()) signalProcessGroup(pgid, "SIGKILL");
  for (const cleanup of tracked.values()) {
    try {
      cleanup?.();
    } catch {
      // best effort while exiting
    }
  }
  tracked.clear();
}

function installExitHooks(): void {
  if (hooksInstalled) return;
  hooksInstalled = true;
  process.on("exit", killTrackedNow);
  for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
    const onSignal = (): void => {
      killTrackedNow();
      process.off(signal, onSignal);
      // If nobody else handles this signal, keep its default meaning (terminate).
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    };
    process.on(signal, onSignal);
  }
}

/**
 * Registers process group `pgid` to be SIGKILLed if this Node process exits (or gets
 * SIGINT/SIGTERM/SIGHUP) while it is still tracked; `cleanup` (synchronous, e.g. removing a
 * temp dir) runs right after the kill.
 */
export function trackProcessGroup(pgid: number, cleanup?: () => void): void {
  installExitHooks();
  tracked.set(pgid, cleanup);
}

/** Stops tracking `pgid` (after it was stopped normally). */
export function untrackProcessGroup(pgid: number): void {
  tracked.delete(pgid);
}
