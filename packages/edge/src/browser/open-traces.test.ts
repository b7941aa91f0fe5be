import { startSpan } from "@kong-mlflow/core";
import { runtime } from "@kong-mlflow/core/internal";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { captureTraces } from "../testing/capture-traces";
import { PAGE_CLOSED, endOpenSpans, trackOpenTraces } from "./open-traces";

let capture: ReturnType<typeof captureTraces>;
beforeEach(() => {
  capture = captureTraces();
});
afterEach(() => capture.restore());

describe("open traces at page close", () => {
  it("ends the spans still open, marked, so the trace goes out with the spans that had ended", async () => {
    const open = trackOpenTraces()!;
    const root = startSpan({ name: "root" });
    startSpan({ name: "done", parent: root }).end({ outputs: 1 });
    const running = startSpan({ name: "running", parent: root });
    const finished = startSpan({ name: "finished-trace" });
    finished.end();
    expect(endOpenSpans(open)).toBe(2);
    const traces = await capture.flush();
    const t = traces.find((x) => x.root === root)!;
    expect(t.spans.map((s) => [s.name, s.status.code, s.attributes["kong.unfinished"] ?? false])).toEqual([
      ["root", "STATUS_CODE_ERROR", true],
      ["done", "STATUS_CODE_OK", false],
      ["running", "STATUS_CODE_ERROR", true],
    ]);
    expect(running.status.description).toBe(PAGE_CLOSED);
    expect(traces.filter((x) => x.root === finished)).toHaveLength(1); // finished traces are left as they were
    runtime().onTraceStart = undefined;
  });
});
