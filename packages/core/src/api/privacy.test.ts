import { afterEach, describe, expect, it } from "vitest";
import { resolveOptions } from "../config/resolve-options";
import { mlflowRequest } from "../export/mlflow-http";
import { REDACTED, registerSecret, scrubSecrets } from "../export/secrets";
import { runtime } from "../runtime/runtime";
import { captureTraces } from "../testing/capture-traces";
import { startSpan } from "./start-span";
import { trace } from "./trace";

let capture: ReturnType<typeof captureTraces> | undefined;
afterEach(() => {
  capture?.restore();
  runtime().secrets.clear();
});

function withOptions(options: Parameters<typeof resolveOptions>[0]) {
  capture = captureTraces();
  runtime().options = resolveOptions({ trackingUri: "http://capture.invalid", ...options });
  return capture;
}

describe("sampling", () => {
  it("keeps or drops whole traces, and records nothing for dropped ones", async () => {
    const c = withOptions({ sampleRate: 0.5 });
    const work = trace({ name: "root" }, (i: number) => {
      const child = startSpan({ name: "child", inputs: { i } });
      child.end({ outputs: i });
      return i;
    });
    for (let i = 0; i < 400; i++) expect(work(i)).toBe(i); // the app sees no difference
    const traces = await c.flush();
    expect(traces.length).toBeGreaterThan(120);
    expect(traces.length).toBeLessThan(280);
    for (const t of traces) {
      expect(t.spans.map((s) => s.name)).toEqual(["root", "child"]);
      expect(t.spans[1]!.inputs).toEqual({ i: t.root.outputs });
    }
  });

  it("rate 0 exports nothing, rate 1 everything", async () => {
    let c = withOptions({ sampleRate: 0 });
    startSpan({ name: "x" }).end();
    expect(await c.flush()).toHaveLength(0);
    c.restore();
    c = withOptions({ sampleRate: 1 });
    startSpan({ name: "y" }).end();
    expect(await c.flush()).toHaveLength(1);
  });

  it("rejects a rate outside 0..1, naming the setting", () => {
    expect(() => resolveOptions({ trackingUri: "http://h", sampleRate: 1.5 })).toThrow(/^sampleRate: 1.5 is not a number from 0 to 1/);
  });
});

describe("recordInputs / recordOutputs / mask", () => {
  it("switches inputs and outputs off", async () => {
    const c = withOptions({ recordInputs: false, recordOutputs: false });
    trace({ name: "quiet" }, (secret: string) => secret.toUpperCase())("hush");
    const [t] = await c.flush();
    expect(t!.root.inputsJson).toBeUndefined();
    expect(t!.root.outputsJson).toBeUndefined();
  });

  it("masks values before they are recorded, without touching the app's objects", async () => {
    const c = withOptions({
      mask: (value, ctx) => JSON.parse(JSON.stringify(value).replace(/[\w.]+@[\w.]+/g, `<email:${ctx.field}>`)),
    });
    const input = { to: "alice@example.com" };
    const out = trace({ name: "mail" }, (msg: { to: string }) => ({ sent: msg.to }))(input);
    expect(out).toEqual({ sent: "alice@example.com" });
    expect(input).toEqual({ to: "alice@example.com" });
    const [t] = await c.flush();
    expect(t!.root.inputs).toEqual({ msg: { to: "<email:inputs>" } });
    expect(t!.root.outputs).toEqual({ sent: "<email:outputs>" });
  });

  it("records a marker, never the raw value, when the mask throws", async () => {
    const c = withOptions({
      mask: () => {
        throw new Error("mask bug");
      },
    });
    trace({ name: "m" }, (x: string) => x)("raw-value");
    const [t] = await c.flush();
    expect(t!.root.inputs).toBe("[masking failed]");
    expect(t!.root.outputs).toBe("[masking failed]");
  });
});

describe("registerSecret", () => {
  it("scrubs registered secrets from everything sent to MLflow", async () => {
    registerSecret("sk-live-abcdef123456");
    registerSecret("Bearer kong-consumer-key-777");
    registerSecret("short"); // ignored: too short to be a credential
    expect(scrubSecrets('{"a":"sk-live-abcdef123456","b":"kong-consumer-key-777 short"}')).toBe(`{"a":"${REDACTED}","b":"${REDACTED} short"}`);
    const sent: string[] = [];
    const fakeFetch = (async (_url: string, init: RequestInit) => {
      sent.push(String(init.body));
      return new Response("{}", { status: 200 });
    }) as unknown as typeof fetch;
    await mlflowRequest({ trackingUri: "http://h", headers: {}, requestTimeoutMs: 1000, fetch: fakeFetch }, "POST", "/x", '{"key":"sk-live-abcdef123456"}');
    expect(sent).toEqual([`{"key":"${REDACTED}"}`]);
  });
});
