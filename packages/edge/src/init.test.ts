import { ConfigurationError, flushTraces, withSpan } from "@kong-mlflow/core";
import { decodeRelayPayload, resolveRelayLimits } from "@kong-mlflow/core/internal";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { init } from "./init";
import { captureTraces } from "./testing/capture-traces";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces(); // saves the runtime state; restore() puts it back
});
afterEach(() => {
  capture.restore();
  vi.unstubAllGlobals();
});

function setting(fn: () => void): string {
  try {
    fn();
  } catch (error) {
    expect(ConfigurationError.isInstance(error)).toBe(true);
    return (error as ConfigurationError).setting;
  }
  throw new Error("expected a ConfigurationError");
}

describe("the edge init()", () => {
  it("sends traces to the relay, naming the experiment, with no MLflow address in the page", async () => {
    const bodies: string[] = [];
    const fetchImpl = (async (url: string, req: RequestInit) => {
      expect(url).toBe("https://app.example/api/traces");
      bodies.push(String(req.body));
      return Response.json({ accepted: 1 });
    }) as unknown as typeof fetch;
    init({ relayUrl: "https://app.example/api/traces", experimentId: "5", fetch: fetchImpl });
    await withSpan({ name: "in-the-page" }, async () => "ok");
    await flushTraces();
    expect(bodies).toHaveLength(1);
    const decoded = decodeRelayPayload(JSON.parse(bodies[0]!), resolveRelayLimits());
    expect(decoded.experimentId).toBe("5");
    expect(decoded.traces[0]!.root.name).toBe("in-the-page");
  });

  it("names the experiment by name, or not at all, to the relay", async () => {
    const bodies: Array<Record<string, unknown>> = [];
    const fetchImpl = (async (_url: string, req: RequestInit) => {
      bodies.push(JSON.parse(String(req.body)));
      return Response.json({ accepted: 1 });
    }) as unknown as typeof fetch;
    for (const experiment of [{ experimentName: "chat-ui" }, {}]) {
      init({ relayUrl: "https://app.example/api/traces", ...experiment, fetch: fetchImpl });
      await withSpan({ name: "in-the-page" }, async () => "ok");
      await flushTraces();
    }
    expect(bodies.map((b) => [b.experimentId, b.experimentName])).toEqual([
      [undefined, "chat-ui"],
      [undefined, undefined],
    ]);
  });

  it("refuses MLflow credentials with a relay, and in a browser page at all", () => {
    expect(setting(() => init({ relayUrl: "https://app.example/t", trackingServerToken: "t" }))).toBe("trackingServerToken");
    vi.stubGlobal("document", {});
    vi.stubGlobal("addEventListener", () => undefined);
    expect(setting(() => init({ trackingUri: "http://127.0.0.1:5000", trackingServerUsername: "u", trackingServerPassword: "p" }))).toBe("trackingServerUsername");
  });

  it("refuses a relay together with a tracking URI, and a relative relay URL outside a page", () => {
    expect(setting(() => init({ relayUrl: "https://app.example/t", trackingUri: "http://127.0.0.1:5000" }))).toBe("relayUrl");
    expect(setting(() => init({ relayUrl: "/api/traces" }))).toBe("relayUrl");
  });
});
