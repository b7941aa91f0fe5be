import { afterEach, describe, expect, it } from "vitest";
import { abandonRequests } from "./abandon-requests";
import { flushTraces, getExportDiagnostics, init, setLogger, startSpan } from "./index";

afterEach(() => {
  init({ enabled: false, trackingUri: "http://mlflow.invalid", experimentId: "0", shutdownFlushTimeoutMs: false });
  setLogger(undefined);
});

describe("abandonRequests", () => {
  it("aborts the requests in flight, counts their traces as failed (not retried), and lets later batches through", async () => {
    const warnings: string[] = [];
    setLogger({ warn: (m: string) => warnings.push(m), error: (m: string) => warnings.push(m) });
    let answer = false;
    const seen: string[] = [];
    // an MLflow that never answers (until `answer`), honouring the abort signal as fetch does
    const fetchImpl = ((url: string, init: RequestInit) => {
      seen.push(new URL(url).pathname);
      if (answer) return Promise.resolve(new Response("{}"));
      return new Promise<Response>((_resolve, reject) => init.signal!.addEventListener("abort", () => reject(init.signal!.reason)));
    }) as unknown as typeof fetch;
    init({ trackingUri: "http://mlflow.invalid", experimentId: "0", transport: "otlp", fetch: fetchImpl, shutdownFlushTimeoutMs: false, batch: { scheduleDelayMs: 0 } });

    startSpan({ name: "stuck", parent: null }).end();
    await expect.poll(() => getExportDiagnostics().inFlight).toBe(1);
    await abandonRequests("the process is ending", 1000);
    expect(getExportDiagnostics()).toMatchObject({ failed: 1, retried: 0, inFlight: 0, queued: 0 });
    expect(warnings.join("\n")).toMatch(/not retried.*was given up: the process is ending/);

    answer = true;
    startSpan({ name: "later", parent: null }).end();
    await flushTraces(2000);
    expect(getExportDiagnostics()).toMatchObject({ exported: 1, failed: 1 });
    expect(seen).toContain("/v1/traces");
  });
});
