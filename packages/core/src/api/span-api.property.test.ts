import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { resolveOptions } from "../config/resolve-options";
import { otlpJson } from "../export/otlp-json";
import { traceDataJson } from "../export/span-json";
import { buildTraceInfo } from "../export/trace-info";
import { runtime } from "../runtime/runtime";
import { captureTraces } from "../testing/capture-traces";
import { Generator, prng } from "../testing/random-values";
import { startSpan } from "./start-span";
import { trace } from "./trace";
import { updateCurrentTrace } from "./update-current-trace";
import { withSpan } from "./with-span";

const MAX_BYTES = 4096;
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
let capture: ReturnType<typeof captureTraces>;

beforeEach(() => {
  capture = captureTraces();
  runtime().options = resolveOptions({ trackingUri: "http://capture.invalid", serialize: { maxBytes: MAX_BYTES, maxStringLength: 500 } });
});
afterEach(() => capture.restore());

describe("the span API under random hostile values (seeded)", () => {
  it("never throws into user code, and every exported payload is valid JSON within the caps", async () => {
    for (let seed = 1; seed <= 60; seed++) {
      const random = prng(seed);
      const gen = new Generator(random, { stable: false });
      const value = () => gen.value(0, []);
      // the app's own String() of a hostile value may throw; that is not ours to test
      const text = (n: number) => {
        try {
          return String(value()).slice(0, n);
        } catch {
          return "unprintable";
        }
      };
      const name = () => (random() < 0.2 ? (value() as string) : `span-${seed}`);

      const result = withSpan(
        (root) => {
          root.setInputs(value());
          root.setAttribute(text(40), value());
          root.setAttributes({ a: value(), b: value() });
          root.addEvent({ name: name(), attributes: { x: value(), y: value() } });
          root.recordException(value());
          updateCurrentTrace({ tags: { t: text(100) }, metadata: { m: text(100) }, sessionId: text(50) });
          const child = startSpan({ name: name(), parent: root, inputs: value(), attributes: { c: value() } });
          child.setStatus(random() < 0.5 ? "ERROR" : "OK", text(100));
          child.end({ outputs: value() });
          const traced = trace({ name: "traced" }, (...args: unknown[]) => args.length);
          traced(value(), value(), value());
          return value();
        },
        { name: `root-${seed}` },
      );
      expect(result).not.toBe(Symbol.for("never")); // the callback's value came back (any value)
    }
    const traces = await capture.flush();
    expect(traces).toHaveLength(60);
    for (const t of traces) {
      for (const s of t.spans) {
        for (const json of [s.inputsJson, s.outputsJson]) {
          if (json === undefined) continue;
          expect(new TextEncoder().encode(json).length).toBeLessThanOrEqual(MAX_BYTES);
          expect(() => JSON.parse(json)).not.toThrow();
        }
      }
      const { json, spanTexts } = traceDataJson(t.spans, t.otelTraceId);
      expect(() => JSON.parse(json)).not.toThrow();
      expect(LONE_SURROGATE.test(json)).toBe(false);
      const info = buildTraceInfo(t, "1", json, spanTexts);
      expect(() => JSON.parse(JSON.stringify({ trace: { trace_info: info } }))).not.toThrow();
      const otlp = otlpJson([t]);
      expect(() => JSON.parse(otlp)).not.toThrow();
    }
  }, 60_000);
});
