import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, type WriteStream } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { MlflowServerStartError, MlflowVenvMissingError } from "./errors";
import { getFreePort, isPortFree } from "./free-port";
import { OutputTail } from "./output-tail";
import { killProcessGroup, trackProcessGroup, untrackProcessGroup } from "./process-group";
import { assertMlflowVenv, resolveMlflowVenv } from "./venv";

/** Options of {@link startMlflowServer}. */
export interface StartMlflowServerOptions {
  /** TCP port. Default: a free loopback port chosen by the OS. Fails fast if it is taken. */
  port?: number;
  /** Interface to bind. Default `127.0.0.1`. */
  host?: string;
  /** The MLflow virtualenv. Default: `$KONG_MLFLOW_VENV`, else `<repo root>/.tools/mlflow-venv`. */
  venvDir?: string;
  /**
   * Directory for `mlflow.db`, `artifacts/` and `server.log`; created if missing and kept.
   * Default: a fresh temp dir, removed by `stop()` (unless `keepWorkDir`).
   */
  workDir?: string;
  /** Keep a temp `workDir` after `stop()` (for debugging). Default false. */
  keepWorkDir?: boolean;
  /** How long to wait for `GET /health`. Default 90 000 ms. */
  startTimeoutMs?: number;
  /** Extra `mlflow server` arguments, appended last (so e.g. `--workers 2` overrides ours). */
  extraArgs?: string[];
  /** Extra environment for the server, applied over `process.env` and our defaults. */
  env?: Record<string, string>;
}

/** A running MLflow tracking server started by {@link startMlflowServer}. */
export interface MlflowServer {
  /** `http://<host>:<port>`, no trailing slash. */
  trackingUri: string;
  /** The TCP port. */
  port: number;
  /** What `GET /version` returned, e.g. `3.17.2`. */
  version: string;
  /** Holds `mlflow.db`, `artifacts/` and `server.log`. */
  workDir: string;
  /** Pid of the `mlflow server` process; it leads the process group of the server and its workers. */
  pid: number;
  /** The server's stdout+stderr, as a file. */
  logFile: string;
  /** Ends the whole process group and waits until no process of it is left. Idempotent. */
  stop(): Promise<void>;
}

/**
 * Environment that keeps the test server fast and quiet: no job-execution runner (huey
 * consumer processes), no telemetry, unbuffered output so error tails are complete.
 */
export const MLFLOW_SERVER_DEFAULT_ENV: Readonly<Record<string, string>> = {
  MLFLOW_SERVER_ENABLE_JOB_EXECUTION: "false",
  MLFLOW_DISABLE_TELEMETRY: "true",
  DO_NOT_TRACK: "true",
  PYTHONUNBUFFERED: "1",
};

const DEFAULT_START_TIMEOUT_MS = 90_000;
const TAIL_LINES = 40;
const PORT_IN_USE = /address already in use|Errno 98|EADDRINUSE/i;

const liveServers = new Set<MlflowServer>();

/** Stops every server started by this module that is still running. */
export async function stopAll(): Promise<void> {
  await Promise.all([...liveServers].map((s) => s.stop()));
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

async function fetchText(url: string, timeoutMs: number): Promise<{ ok: boolean; text: string }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
  return { ok: res.ok, text: (await res.text()).trim() };
}

function hostForUrl(host: string): string {
  return host.includes(":") && !host.startsWith("[") ? `[${host}]` : host;
}

/**
 * Starts a real `mlflow server` from the project venv on loopback with a SQLite store in a
 * temp dir, waits for `GET /health`, and reads `GET /version`.
 *
 * Fails fast with {@link MlflowServerStartError} (message includes the last ~40 output lines)
 * when the venv is missing (the message says to run `scripts/setup-mlflow.sh`), the port is
 * taken, the process exits early, or `startTimeoutMs` passes. Nothing is left running on failure.
 *
 * @example
 * const server = await startMlflowServer();
 * try { ...server.trackingUri... } finally { await server.stop(); }
 */
export async function startMlflowServer(opts: StartMlflowServerOptions = {}): Promise<MlflowServer> {
  const host = opts.host ?? "127.0.0.1";
  const startTimeoutMs = opts.startTimeoutMs ?? DEFAULT_START_TIMEOUT_MS;

  let venv;
  try {
    venv = assertMlflowVenv(opts.venvDir ?? resolveMlflowVenv());
  } catch (err) {
    if (err instanceof MlflowVenvMissingError) throw new MlflowServerStartError(err.message, "venv-missing");
    throw err;
  }

  let port: number;
  if (opts.port !== undefined) {
    port = opts.port;
    if (!(await isPortFree(port, host))) {
      throw new MlflowServerStartError(
        `Cannot start mlflow server: port ${port} on ${host} is already in use. ` +
          `Omit \`port\` to get a free one, or stop the process listening there.`,
        "port-in-use",
      );
    }
  } else {
    port = await getFreePort(host);
  }

  const ownsWorkDir = opts.workDir === undefined;
  const workDir = ownsWorkDir ? mkdtempSync(join(tmpdir(), "kong-mlflow-")) : resolve(opts.workDir!);
  mkdirSync(join(workDir, "artifacts"), { recursive: true });
  const removeWorkDir = () => {
    if (ownsWorkDir && !opts.keepWorkDir) rmSync(workDir, { recursive: true, force: true });
  };

  const trackingUri = `http://${hostForUrl(host)}:${port}`;
  const args = [
    "server",
    "--host", host,
    "--port", String(port),
    "--backend-store-uri", `sqlite:///${join(workDir, "mlflow.db")}`,
    "--artifacts-destination", join(workDir, "artifacts"),
    "--workers", "1",
    ...(opts.extraArgs ?? []),
  ];
  const logFile = join(workDir, "server.log");
  const log: WriteStream = createWriteStream(logFile, { flags: "a" });
  const tail = new OutputTail(TAIL_LINES);

  let child: ChildProcess;
  try {
    child = spawn(venv.mlflow, args, {
      cwd: workDir,
      env: { ...process.env, ...MLFLOW_SERVER_DEFAULT_ENV, ...opts.env },
      detached: true, // own process group, so stop() reaches the uvicorn workers too
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (err) {
    log.end();
    removeWorkDir();
    throw new MlflowServerStartError(`Cannot spawn ${venv.mlflow}: ${(err as Error).message}`, "spawn-failed");
  }
  const onOutput = (chunk: Buffer) => {
    tail.push(chunk);
    log.write(chunk);
  };
  child.stdout?.on("data", onOutput);
  child.stderr?.on("data", onOutput);

  let exitInfo: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  let spawnError: Error | undefined;
  const exited = new Promise<void>((resolveExit) => {
    child.once("exit", (code, signal) => {
      exitInfo = { code, signal };
      resolveExit();
    });
    child.once("error", (err) => {
      spawnError = err;
      if (child.pid === undefined) {
        exitInfo = { code: null, signal: null };
        resolveExit();
      }
    });
  });
  // Wait for the stdio streams to drain, so the tail holds the last words of a dead server.
  const outputClosed = new Promise<void>((r) => child.once("close", () => r()));

  const pid = child.pid;
  // If Node exits without stop(): kill the group, then remove the temp work dir.
  if (pid !== undefined) trackProcessGroup(pid, removeWorkDir);

  const cleanupAfterFailure = async () => {
    if (pid !== undefined) {
      await killProcessGroup(pid).catch(() => undefined);
      untrackProcessGroup(pid);
    }
    await Promise.race([outputClosed, sleep(1_000)]);
    log.end();
    removeWorkDir();
  };

  const command = `${venv.mlflow} ${args.join(" ")}`;
  const deadline = Date.now() + startTimeoutMs;
  let version: string | undefined;
  for (;;) {
    if (exitInfo) {
      await cleanupAfterFailure();
      if (spawnError && pid === undefined) {
        throw new MlflowServerStartError(`Cannot spawn ${venv.mlflow}: ${spawnError.message}`, "spawn-failed");
      }
      const text = tail.text();
      if (PORT_IN_USE.test(text)) {
        throw new MlflowServerStartError(
          `mlflow server could not bind ${host}:${port}: the port is already in use.`,
          "port-in-use",
          text,
        );
      }
      throw new MlflowServerStartError(
        `mlflow server exited early (exit code ${exitInfo.code}, signal ${exitInfo.signal}) ` +
          `before answering GET ${trackingUri}/health.\nCommand: ${command}`,
        "exited",
        text,
      );
    }
    if (Date.now() >= deadline) {
      await cleanupAfterFailure();
      throw new MlflowServerStartError(
        `mlflow server did not answer GET ${trackingUri}/health within ${startTimeoutMs} ms.\nCommand: ${command}`,
        "timeout",
        tail.text(),
      );
    }
    try {
      const health = await fetchText(`${trackingUri}/health`, 2_000);
      // Only trust the answer while our process is alive: a foreign server on the same
      // port could answer too.
      if (health.ok && !exitInfo) {
        const v = await fetchText(`${trackingUri}/version`, 5_000);
        if (v.ok && !exitInfo) {
          version = v.text;
          break;
        }
      }
    } catch {
      // not listening yet
    }
    await Promise.race([exited, sleep(100)]);
  }

  // Do not keep the Node event loop alive just for the server; the exit hooks of
  // process-group.ts kill it if stop() is never called.
  child.unref();
  (child.stdout as { unref?: () => void } | null)?.unref?.();
  (child.stderr as { unref?: () => void } | null)?.unref?.();

  let stopping: Promise<void> | undefined;
  const server: MlflowServer = {
    trackingUri,
    port,
    version,
    workDir,
    pid: pid!,
    logFile,
    stop() {
      stopping ??= (async () => {
        try {
          await killProcessGroup(pid!);
          if (!exitInfo) await Promise.race([exited, sleep(2_000)]);
          await Promise.race([outputClosed, sleep(1_000)]);
        } finally {
          untrackProcessGroup(pid!);
          liveServers.delete(server);
          await new Promise<void>((r) => log.end(() => r()));
          removeWorkDir();
        }
      })();
      return stopping;
    },
  };
  liveServers.add(server);
  return server;
}
