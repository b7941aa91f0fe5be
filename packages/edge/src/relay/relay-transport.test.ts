import { MlflowHttpError, REDACTED, registerSecret, startSpan } from "@kong-mlflow/core";
import { type FinishedTrace, decodeRelayPayload, resolveRelayLimits } from "@kong-mlflow/core/internal";
import { afterEach, describe, expect, it } from "vitest";
import { KEEPALIVE_BODY_BYTES } from "../browser/keepalive-fetch";
import { captureTraces } from "../testing/capture-traces";
import { RelayTransport } from "./relay-transport";

let capture: ReturnType<typeof captureTraces> | undefined;
afterEach(() => capture?.restore());

async function makeTraces(count: number, bytesEach: number): Promise<FinishedTrace[]> {
  capture = captureTraces();
  for (let i = 0; i < count; i++) startSpan({ name: `t${i}`, inputs: "x".repeat(bytesEach) }).end();
  return capture.flush();
}

function relayFetch(answer: (body: string) => Response = () => Response.json({ accepted: 1 })) {
  const posts: Array<{ body: string; headers: Headers }> = [];
  const fetchImpl = (async (url: string, init: RequestInit) => {
    // the headers as they go out, with those fetch adds
    posts.push({ body: String(init.body), headers: new Request(url, init).headers });
    return answer(String(init.body));
  }) as unknown as typeof fetch;
  return { posts, fetchImpl };
}

const config = (fetchImpl: typeof fetch) => ({ url: "https://app.example/api/traces", experiment: { experimentName: "web" }, headers: { "x-csrf": "t" }, requestTimeoutMs: 1000, fetch: fetchImpl });

describe("RelayTransport", () => {
  it("splits a batch into keepalive-sized text/plain bodies the relay can decode", async () => {
    const traces = await makeTraces(12, 20_000);
    const relay = relayFetch();
    expect(await new RelayTransport(config(relay.fetchImpl)).send(traces)).toEqual([]);
    expect(relay.posts.length).toBeGreaterThan(3);
    const seen: string[] = [];
    for (const post of relay.posts) {
      expect(new TextEncoder().encode(post.body).byteLength).toBeLessThanOrEqual(KEEPALIVE_BODY_BYTES);
      expect(post.headers.get("content-type")).toBe("text/plain;charset=UTF-8"); // no CORS preflight
      expect(post.headers.get("x-csrf")).toBe("t");
      const decoded = decodeRelayPayload(JSON.parse(post.body), resolveRelayLimits());
      expect(decoded.experimentName).toBe("web");
      seen.push(...decoded.traces.map((t) => t.traceId));
    }
    expect(seen).toEqual(traces.map((t) => t.traceId));
  });

  it("scrubs registered secrets from what leaves the page", async () => {
    registerSecret("kong-consumer-key-123");
    capture = captureTraces();
    startSpan({ name: "leaky", inputs: { echoed: "key kong-consumer-key-123 was used" } }).end();
    const traces = await capture.flush();
    const relay = relayFetch();
    await new RelayTransport(config(relay.fetchImpl)).send(traces);
    expect(relay.posts[0]!.body).not.toContain("kong-consumer-key-123");
    expect(relay.posts[0]!.body).toContain(REDACTED);
  });

  it("fails the traces of a refused body with the relay's message, as an HTTP error the pipeline understands", async () => {
    const traces = await makeTraces(2, 10);
    const relay = relayFetch(() => Response.json({ error: 'experimentName "web" is not on this relay\'s allow-list.' }, { status: 403 }));
    const failures = await new RelayTransport(config(relay.fetchImpl)).send(traces);
    expect(failures.map((f) => f.trace)).toEqual(traces);
    const error = failures[0]!.error as MlflowHttpError;
    expect(error).toBeInstanceOf(MlflowHttpError);
    expect(error.status).toBe(403);
    expect(error.message).toBe('trace relay https://app.example/api/traces answered 403: experimentName "web" is not on this relay\'s allow-list.');
  });
});
