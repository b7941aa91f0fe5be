import type { VariantName, WorkerCommand, WorkerMessage } from "./protocol";
import { type VariantTargets, setupVariant } from "./variants";
import { callsBlock, streamsBlock } from "./workload";

/**
 * One measured process: `node worker.js <variant> <targets JSON>`. With an
 * IPC channel it serves the orchestrator's commands (one block at a time,
 * nothing else runs meanwhile). Without one (`--cpu-prof` runs) it runs
 * `<calls> <streams> <chunks>` from argv and exits.
 */
async function main(): Promise<void> {
  const [variantName, targetsJson, ...rest] = process.argv.slice(2);
  const targets = JSON.parse(targetsJson!) as VariantTargets;
  const variant = await setupVariant(variantName as VariantName, targets);

  if (!process.send) {
    const [calls = "2000", streams = "50", chunks = "200"] = rest;
    // Warm up what will be measured, then measure (the profile covers both).
    if (Number(calls) > 0) {
      // Blocks of 200, as in the side-by-side rounds: each flush sends one modest batch.
      await callsBlock(variant, 200);
      for (let left = Number(calls); left > 0; left -= 200) await callsBlock(variant, Math.min(200, left));
    }
    if (Number(streams) > 0) {
      await streamsBlock(variant, 10, Number(chunks));
      await streamsBlock(variant, Number(streams), Number(chunks));
    }
    const counts = variant.counts();
    console.log(JSON.stringify({ variant: variantName, counts }));
    return;
  }

  const send = (m: WorkerMessage) => process.send!(m);
  process.on("message", (raw) => {
    const command = raw as WorkerCommand;
    void (async () => {
      try {
        switch (command.cmd) {
          case "warmup":
            await callsBlock(variant, command.calls);
            if (command.streams > 0) await streamsBlock(variant, command.streams, command.chunks);
            send({ type: "done", traces: variant.counts() });
            break;
          case "calls":
            send({ type: "done", result: await callsBlock(variant, command.n), traces: variant.counts() });
            break;
          case "streams":
            send({ type: "done", result: await streamsBlock(variant, command.n, command.chunks), traces: variant.counts() });
            break;
          case "stop":
            process.disconnect();
            break;
        }
      } catch (error) {
        send({ type: "error", message: error instanceof Error ? (error.stack ?? error.message) : String(error) });
      }
    })();
  });
  send({ type: "ready", variant: variantName as VariantName, node: process.version, detail: variant.detail });
}

main().catch((error: unknown) => {
  const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
  if (process.send) process.send({ type: "error", message } satisfies WorkerMessage);
  else console.error(message);
  process.exitCode = 1;
});
