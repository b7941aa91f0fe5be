import { startKongStandin } from "@kong-mlflow/testkit";

/**
 * Hosts the Kong AI Gateway stand-in (and its fake upstream) in a process of
 * its own, so its CPU never counts against the measured processes. Sends
 * `{ baseURL }` to the parent over IPC, and stops when told to (or when the
 * parent goes away).
 */
async function main(): Promise<void> {
  const kong = await startKongStandin();
  const stop = async () => {
    await kong.close().catch(() => undefined);
    process.exit(0);
  };
  process.on("message", (message) => {
    if ((message as { cmd?: string }).cmd === "stop") void stop();
  });
  process.on("disconnect", () => void stop());
  process.send!({ baseURL: kong.baseURL });
}

main().catch((error: unknown) => {
  console.error(`stand-in failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
