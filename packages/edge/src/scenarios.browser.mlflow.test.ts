import { describe, expect, inject, it } from "vitest";
import { commands } from "vitest/browser";
import { LOST_CONTEXT_WARNING, flushTraces, getExportDiagnostics, init, setLogger, spansFollowAwait } from "./index";
import { checkScenarios } from "./testing/scenario-checks";
import { runScenarios } from "./testing/scenarios";

const warnings: string[] = [];
setLogger({ warn: (m) => warnings.push(m), error: (m) => warnings.push(m) });

/**
 * The same scenario suite in headless Chromium, exporting both ways a page
 * can: through a trace relay (no credentials in the page), and straight to
 * MLflow, which answers the page's origin through its CORS settings. Kong is
 * called directly, behind a CORS front (Kong's cors plugin).
 */
describe("the scenario suite in headless Chromium, read back from MLflow", () => {
  it("is a real browser page without AsyncLocalStorage: spans follow the call stack only", () => {
    expect(typeof document).toBe("object");
    expect(navigator.userAgent).toMatch(/Chrome/);
    expect(spansFollowAwait()).toBe(false);
  });

  it.each([
    ["through the trace relay", () => init({ relayUrl: inject("relayUrl"), experimentName: inject("relayExperimentName"), batch: { scheduleDelayMs: 20 } })],
    ["straight to MLflow (CORS)", () => init({ trackingUri: inject("mlflowTrackingUri"), experimentName: `browser-direct-${Date.now()}`, batch: { scheduleDelayMs: 20 } })],
  ])("exports %s", async (mode, setup) => {
    setup();
    const result = await runScenarios({ kongUrl: inject("kongBrowserUrl"), runId: `browser-${Date.now()}`, runtime: "chromium" });
    await flushTraces();
    expect(getExportDiagnostics(), mode).toMatchObject({ failed: 0, dropped: 0, queued: 0, inFlight: 0 });
    expect(result.followsAwait).toBe(false);
    await checkScenarios(result, (traceId, minSpans) => commands.readTrace(traceId, minSpans));
    // a span that lost its parent across an await was pointed out, once
    expect(warnings.filter((w) => w === LOST_CONTEXT_WARNING)).toHaveLength(1);
  });
});
