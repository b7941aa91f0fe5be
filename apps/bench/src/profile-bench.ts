import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type CpuProfile, type ProfileSummary, summarizeProfile } from "./cpu-profile";
import type { VariantTargets } from "./variants";

const run = promisify(execFile);
const workerScript = fileURLToPath(new URL("./worker.js", import.meta.url));

/** A profile of the traced variant: per call (non-streaming) or per chunk (streams). */
export interface ProfileResult {
  name: "calls" | "streams";
  calls: number;
  streams: number;
  chunks: number;
  file: string;
  summary: ProfileSummary;
}

async function profileOnce(name: ProfileResult["name"], targets: VariantTargets, dir: string, calls: number, streams: number, chunks: number): Promise<ProfileResult> {
  const sub = join(dir, name);
  rmSync(sub, { recursive: true, force: true });
  mkdirSync(sub, { recursive: true });
  await run(
    process.execPath,
    ["--cpu-prof", "--cpu-prof-interval", "100", "--cpu-prof-dir", sub, workerScript, "kong-mlflow", JSON.stringify(targets), String(calls), String(streams), String(chunks)],
    { timeout: 600_000, maxBuffer: 1 << 20 },
  );
  const file = readdirSync(sub).find((f) => f.endsWith(".cpuprofile"));
  if (!file) throw new Error(`no .cpuprofile written in ${sub}`);
  const profile = JSON.parse(readFileSync(join(sub, file), "utf8")) as CpuProfile;
  return { name, calls, streams, chunks, file: join(sub, file), summary: summarizeProfile(profile) };
}

/**
 * Profiles the traced variant (`node --cpu-prof`, 100 µs sampling) in two
 * processes: one doing only non-streaming calls, one doing mostly streams.
 */
export async function runProfiles(targets: VariantTargets, dir: string, o: { calls: number; streams: number; chunks: number }): Promise<ProfileResult[]> {
  return [await profileOnce("calls", targets, dir, o.calls, 0, o.chunks), await profileOnce("streams", targets, dir, 0, o.streams, o.chunks)];
}
