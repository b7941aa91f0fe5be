import { describe, expect, it } from "vitest";
import { type RelayLimits, RelayPayloadError, decodeRelayPayload, resolveRelayLimits } from "./relay-decode";
import { RELAY_FORMAT } from "./relay-wire";

const ROOT = "aaaaaaaaaaaaaaaa";
const CHILD = "bbbbbbbbbbbbbbbb";

function span(overrides: Record<string, unknown> = {}) {
  return { spanId: ROOT, parentId: null, name: "root", spanType: "CHAIN", startTimeMs: 1_700_000_000_000, endTimeMs: 1_700_000_000_010, status: { code: "STATUS_CODE_OK" }, attributes: {}, events: [], ...overrides };
}
function payload(spans: unknown[] = [span()], extra: Record<string, unknown> = {}, traceExtra: Record<string, unknown> = {}) {
  return { format: RELAY_FORMAT, traces: [{ traceId: `tr-${"0123456789abcdef".repeat(2)}`, spans, ...traceExtra }], ...extra };
}
function refusal(value: unknown, limits: RelayLimits = {}): RelayPayloadError {
  try {
    decodeRelayPayload(value, resolveRelayLimits(limits));
  } catch (error) {
    expect(error).toBeInstanceOf(RelayPayloadError);
    return error as RelayPayloadError;
  }
  throw new Error("expected the payload to be refused");
}

describe("decodeRelayPayload", () => {
  it("accepts a minimal payload and rebuilds the spans", () => {
    const { traces } = decodeRelayPayload(payload([span({ inputs: { a: 1 }, outputs: "x" }), span({ spanId: CHILD, parentId: ROOT, name: "child", events: [{ name: "e", timeMs: 1_700_000_000_001, attributes: { k: "v" } }] })]), resolveRelayLimits());
    const [t] = traces;
    expect(t!.root.name).toBe("root");
    expect(t!.root.inputs).toEqual({ a: 1 });
    expect(t!.root.outputs).toBe("x");
    expect(t!.root.endTimeMs).toBe(1_700_000_000_010);
    expect(t!.spans[1]!.parentId).toBe(ROOT);
    expect(t!.spans[1]!.events[0]).toEqual({ name: "e", timeMs: 1_700_000_000_001, attributes: { k: "v" } });
  });

  it.each([
    ["not an object", [1], "payload: expected an object, got an array"],
    ["wrong format", { format: "otlp", traces: [] }, 'format: expected "kong-mlflow.traces.v1", got "otlp"'],
    ["both experiment keys", payload(undefined, { experimentId: "1", experimentName: "x" }), "experimentId: give experimentId or experimentName, not both"],
    ["no traces", { format: RELAY_FORMAT, traces: [] }, "traces: expected a non-empty array"],
    ["a bad trace id", payload(undefined, {}, { traceId: "tr-XYZ" }), 'traces[0].traceId: "tr-XYZ" is not "tr-" followed by 32 lowercase hex characters'],
    ["a bad span id", payload([span({ spanId: "0000000000000000" })]), "traces[0].spans[0].spanId"],
    ["no root", payload([span({ parentId: CHILD })]), "traces[0].spans: expected exactly one root span (parentId null), found 0"],
    ["a dangling parent", payload([span(), span({ spanId: CHILD, parentId: "cccccccccccccccc" })]), 'traces[0].spans[1].parentId: "cccccccccccccccc" is not a span of this trace'],
    ["two roots", payload([span(), span({ spanId: CHILD })]), "traces[0].spans: expected exactly one root span (parentId null), found 2"],
    ["a duplicate id", payload([span(), span({ parentId: ROOT })]), 'traces[0].spans[1].spanId: "aaaaaaaaaaaaaaaa" appears twice'],
    [
      "a parent cycle",
      payload([span(), span({ spanId: CHILD, parentId: "cccccccccccccccc" }), span({ spanId: "cccccccccccccccc", parentId: CHILD })]),
      "traces[0].spans: some spans are not descendants of the root span",
    ],
    ["an unended root", payload([span({ endTimeMs: undefined })]), "the root span has no endTimeMs"],
    ["an end before the start", payload([span({ endTimeMs: 1 })]), "traces[0].spans[0].endTimeMs: is before startTimeMs"],
    ["a bad status", payload([span({ status: { code: "FINE" } })]), "traces[0].spans[0].status.code: expected one of"],
    ["a non-string tag", payload(undefined, {}, { tags: { a: 1 } }), "traces[0].tags.a: expected a string, got number"],
    ["a long name", payload([span({ name: "n".repeat(1001) })]), "traces[0].spans[0].name: is 1001 characters long; at most 1000 are accepted"],
    ["events that are not a list", payload([span({ events: {} })]), "traces[0].spans[0].events: expected an array"],
  ])("refuses %s with a 400 naming the place", (_what, value, message) => {
    const error = refusal(value);
    expect(error.status).toBe(400);
    expect(error.message).toContain(message);
  });

  it("enforces the trace and span counts", () => {
    expect(refusal({ format: RELAY_FORMAT, traces: [1, 2, 3] }, { maxTraces: 2 }).message).toBe("traces: has 3 traces; at most 2 are accepted per request");
    expect(refusal(payload([span(), span({ spanId: CHILD, parentId: ROOT })]), { maxSpansPerTrace: 1 }).message).toBe(
      "traces[0].spans: has 2 spans; at most 1 are accepted per trace",
    );
  });
});
