import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resetWarnings, setLogger } from "../diagnostics/logger";
import { MlflowHttpError, MlflowNetworkError } from "../errors";
import type { FinishedTrace } from "../tracing/finished-trace";
import { ExportPipeline } from "./export-pipeline";

const fakeTrace = (n: number) => ({ traceId: `tr-${n}`, spans: [{ inputsJson: "x", outputsJson: undefined, events: [] }] }) as unknown as FinishedTrace;

const warnings: string[] = [];
beforeEach(() => {
  warnings.length = 0;
  resetWarnings();
  setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });
});
afterEach(() => setLogger(undefined));

describe("flush() while MLflow keeps failing", () => {
  it.each([
    ["no answer", () => new MlflowNetworkError("MLflow POST /v1/traces got no answer from http://127.0.0.1:9: connect ECONNREFUSED")],
    ["503", () => new MlflowHttpError(503, "MLflow POST /v1/traces answered 503: down")],
  ])("%s: retries with backoff instead of in a tight loop, and says the timeout once", async (_, failure) => {
    let attempts = 0;
    const p = new ExportPipeline({
      transport: {
        send: async () => {
          attempts++;
          throw failure();
        },
      },
      experimentId: async () => "1",
      maxBatchSize: 10,
      scheduleDelayMs: 60_000,
      maxQueueSize: 100,
      retryBaseMs: 100,
      retryMaxMs: 100,
    });
    p.enqueue(fakeTrace(1));
    expect(await p.flush(450)).toBe(false);
    // one attempt at once, then one per backoff (50-100 ms): about 5-10, not hundreds
    expect(attempts).toBeGreaterThanOrEqual(3);
    expect(attempts).toBeLessThanOrEqual(12);
    expect(await p.flush(100)).toBe(false);
    expect(warnings.filter((w) => w.startsWith("flush timed out"))).toHaveLength(1);
  });
});
