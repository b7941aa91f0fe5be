import { type ChildProcess, fork } from "node:child_process";

/**
 * A forked Node process spoken to over IPC, one request at a time. `stop()`
 * asks it to end, then kills it (by its own pid) if it does not.
 */
export class Child<Msg extends { type: string }> {
  private readonly proc: ChildProcess;
  private waiting: { resolve: (m: Msg) => void; reject: (e: Error) => void } | undefined;
  private readonly exited: Promise<void>;
  private stderr = "";

  constructor(script: string, args: string[], options: { execArgv?: string[]; env?: NodeJS.ProcessEnv } = {}) {
    this.proc = fork(script, args, {
      execArgv: options.execArgv ?? [],
      env: options.env ?? process.env,
      stdio: ["ignore", "inherit", "pipe", "ipc"],
    });
    this.proc.stderr!.on("data", (chunk: Buffer) => {
      this.stderr = (this.stderr + chunk.toString()).slice(-4000);
    });
    this.proc.on("message", (m) => {
      const w = this.waiting;
      this.waiting = undefined;
      const msg = m as Msg & { message?: string };
      if (msg.type === "error") w?.reject(new Error(`${script} ${args[0] ?? ""}: ${msg.message}`));
      else w?.resolve(msg);
    });
    this.exited = new Promise((resolve) => {
      this.proc.once("exit", (code, signal) => {
        const w = this.waiting;
        this.waiting = undefined;
        w?.reject(new Error(`${script} ${args[0] ?? ""} exited (code ${code}, signal ${signal}) ${this.stderr.trim()}`));
        resolve();
      });
    });
  }

  /** Waits for the next message (e.g. `ready`). */
  next(): Promise<Msg> {
    return new Promise((resolve, reject) => {
      this.waiting = { resolve, reject };
    });
  }

  /** Sends a command and waits for its answer. */
  request(command: object): Promise<Msg> {
    const answer = this.next();
    this.proc.send(command);
    return answer;
  }

  get pid(): number | undefined {
    return this.proc.pid;
  }

  /** Asks the process to stop; kills it after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.proc.exitCode !== null || this.proc.signalCode !== null) return;
    if (this.proc.connected) this.proc.send({ cmd: "stop" });
    const timer = setTimeout(() => this.proc.kill("SIGKILL"), graceMs);
    await this.exited;
    clearTimeout(timer);
  }
}
