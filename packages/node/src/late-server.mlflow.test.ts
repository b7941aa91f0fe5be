import { type Server, type Socket, connect, createServer } from "node:net";
import { createExperiment, getFreePort, getTraceInfo } from "@kong-mlflow/testkit";
import { afterAll, describe, expect, inject, it, vi } from "vitest";
import { flushTraces, getExportDiagnostics, getLastActiveTraceId, init, setLogger, trace } from "./index";

/**
 * MLflow is not up yet when the app starts (a closed loopback port), and
 * comes up later (a TCP relay to the real server opens on that port). The
 * traces made meanwhile are delivered, and `transport: "auto"` still picks
 * the path the real server supports (OTLP on this SQL-backed 3.12+ server)
 * instead of settling for the native path for good.
 */
const trackingUri = inject("mlflowTrackingUri");
const sockets = new Set<Socket>();
let relay: Server | undefined;

afterAll(async () => {
  setLogger(undefined);
  for (const s of sockets) s.destroy();
  await new Promise<void>((r) => (relay ? relay.close(() => r()) : r()));
});

/** Forwards every connection on `port` to the real MLflow server. */
function startRelay(port: number): Promise<void> {
  const target = new URL(trackingUri);
  relay = createServer((client) => {
    const upstream = connect(Number(target.port), target.hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {
        client.destroy();
        upstream.destroy();
      });
      s.on("close", () => sockets.delete(s));
    }
    client.pipe(upstream).pipe(client);
  });
  return new Promise((resolve, reject) => {
    relay!.once("error", reject);
    relay!.listen(port, "127.0.0.1", () => resolve());
  });
}

describe("MLflow comes up after init()", () => {
  it("delivers the traces made while it was down, and auto still picks OTLP", async () => {
    const warnings: string[] = [];
    setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
    const experimentId = await createExperiment(trackingUri, `late-server-${Date.now()}-${Math.random().toString(16).slice(2)}`);
    const port = await getFreePort();
    const lateUri = `http://127.0.0.1:${port}`;
    init({
      trackingUri: lateUri,
      experimentId,
      transport: "auto",
      shutdownFlushTimeoutMs: false,
      batch: { scheduleDelayMs: 10, retryBaseDelayMs: 50, retryMaxDelayMs: 200 },
    });
    const work = trace(async (n: number) => n + 1, { name: "while-down" });
    expect(await work(1)).toBe(2);
    const early = getLastActiveTraceId()!;
    await vi.waitFor(() => expect(getExportDiagnostics().retried).toBeGreaterThan(0), { timeout: 5_000 });
    expect(warnings.filter((w) => w.includes(lateUri))).toHaveLength(1);

    await startRelay(port);
    await flushTraces(10_000);
    expect(await trace(async () => "up", { name: "while-up" })()).toBe("up");
    const late = getLastActiveTraceId()!;
    await flushTraces(10_000);
    expect(getExportDiagnostics()).toMatchObject({ enqueued: 2, exported: 2, failed: 0, queued: 0 });

    for (const traceId of [early, late]) {
      const info = await getTraceInfo(trackingUri, traceId);
      expect(info.trace_location.mlflow_experiment?.experiment_id).toBe(experimentId);
      // only OTLP-created traces keep their spans in the tracking store
      expect(info.tags?.["mlflow.trace.spansLocation"], `${traceId} went the native path`).toBe("TRACKING_STORE");
    }
  });
});
