import { describe, expect, inject, it } from "vitest";
import { commands } from "vitest/browser";
import { PAGE_CLOSED } from "./index";

interface FixtureReport {
  kind: "page-close-fixture";
  complete: string;
  open: { traceId: string; rootId: string; openId: string };
}

const fixturePage = new URL("./testing/page-close.html", import.meta.url).pathname;

/**
 * A page that closes mid-trace: on pagehide the queued trace and the
 * unfinished one go out with keepalive; spans that had ended keep their
 * data, spans still open are ended as ERROR and marked kong.unfinished.
 */
describe("closing a page mid-trace, read back from MLflow", () => {
  it.each([
    ["through the trace relay", () => ({ relayUrl: inject("relayUrl"), experimentName: inject("relayExperimentName") })],
    // at close only microtasks run: the transport and experiment must be known without asking the server
    ["straight to MLflow over OTLP", () => ({ trackingUri: inject("mlflowTrackingUri"), experimentId: "0", transport: "otlp" })],
  ])("loses no span that had ended, %s", async (_mode, options) => {
    const ids = (await commands.runPageAndClose(fixturePage, JSON.stringify(options()))) as FixtureReport;

    const complete = await commands.readTrace(ids.complete, 1);
    expect(complete.spans.map((s) => [s.name, s.status])).toEqual([["closed-complete", "STATUS_CODE_OK"]]);

    const open = await commands.readTrace(ids.open.traceId, 3);
    const byName = Object.fromEntries(open.spans.map((s) => [s.name, s]));
    expect(Object.keys(byName).sort()).toEqual(["closed-open-root", "ended-child", "open-child"]);
    expect(byName["ended-child"]!.status).toBe("STATUS_CODE_OK");
    expect(byName["ended-child"]!.outputs).toBe("done before the page closed");
    expect(byName["ended-child"]!.attrs["kong.unfinished"]).toBeUndefined();
    for (const name of ["closed-open-root", "open-child"]) {
      expect(byName[name]!.status).toBe("STATUS_CODE_ERROR");
      expect(byName[name]!.statusMessage).toBe(PAGE_CLOSED);
      expect(byName[name]!.attrs["kong.unfinished"]).toBe(true);
    }
    expect(byName["open-child"]!.parentId).toBe(ids.open.rootId);
    expect(byName["closed-open-root"]!.inputs).toEqual({ step: "root" });
  });
});
