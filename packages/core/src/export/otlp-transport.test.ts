import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startSpan } from "../api/start-span";
import { MlflowHttpError, MlflowNetworkError } from "../errors";
import { captureTraces } from "../testing/capture-traces";
import type { FinishedTrace } from "../tracing/finished-trace";
import { OtlpTransport } from "./otlp-transport";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

async function traces(names: string[]): Promise<FinishedTrace[]> {
  for (const name of names) startSpan({ name, parent: null }).end();
  return (await capture.flush()).slice();
}

/** An MLflow whose answers to POST /v1/traces are given in turn (a status, or "down" for no answer). */
function mlflow(answers: Array<number | "down">) {
  const bodies: string[] = [];
  const fetchImpl = (async (_url: string, init: RequestInit) => {
    bodies.push(String(init.body));
    const answer = answers.shift() ?? 200;
    if (answer === "down") throw new TypeError("fetch failed", { cause: new Error("connect ECONNREFUSED") });
    return new Response(answer === 200 ? "" : '{"message":"no"}', { status: answer });
  }) as unknown as typeof fetch;
  return { bodies, transport: new OtlpTransport({ trackingUri: "http://mlflow.invalid", headers: {}, requestTimeoutMs: 1000, fetch: fetchImpl }) };
}

describe("OtlpTransport", () => {
  it("sends the retry of a batch with the body it encoded the first time", async () => {
    const batch = await traces(["a", "b"]);
    const { bodies, transport } = mlflow(["down", 503, 200]);
    await expect(transport.send([...batch], "1")).rejects.toBeInstanceOf(MlflowNetworkError);
    batch[0]!.root.name = "renamed"; // were it encoded again, the retry would carry the new name
    await expect(transport.send([...batch], "1")).rejects.toBeInstanceOf(MlflowHttpError);
    await expect(transport.send([...batch], "1")).resolves.toEqual([]);
    expect(bodies).toHaveLength(3);
    expect(new Set(bodies).size).toBe(1);
    expect(bodies[0]).toContain('"name":"a"');
  });

  it("encodes again when the batch changed, or after a failure that is not retried", async () => {
    const batch = await traces(["a", "b"]);
    const { bodies, transport } = mlflow(["down", 400, 200]);
    await expect(transport.send(batch, "1")).rejects.toThrow();
    batch[0]!.root.name = "renamed";
    await expect(transport.send(batch.slice(0, 1), "1")).rejects.toThrow(); // a different batch: encoded anew
    batch[0]!.root.name = "again";
    await expect(transport.send(batch.slice(0, 1), "1")).resolves.toEqual([]); // after a 400 nothing was kept
    expect(bodies[1]).toContain('"name":"renamed"');
    expect(bodies[1]).not.toContain('"name":"b"');
    expect(bodies[2]).toContain('"name":"again"');
  });
});
