import { type EdgeTracingOptions, getExportDiagnostics, init, startSpan, withSpan } from "../index";

/**
 * Runs in page-close.html, which the page-close test closes the way a user
 * closes a tab. It leaves one trace finished but still queued (the batch
 * timer is far off) and one trace mid-flight (its root and one child open,
 * another child ended), then reports the ids in `window.fixtureReport`.
 */
async function main(): Promise<void> {
  const options = JSON.parse(decodeURIComponent(location.hash.slice(1))) as EdgeTracingOptions;
  init({ ...options, batch: { scheduleDelayMs: 600_000 } });
  const complete = await withSpan({ name: "closed-complete" }, async (span) => {
    await new Promise((r) => setTimeout(r, 1));
    return span.traceId;
  });
  // The export code is loaded on demand, as the first trace starts (ADR 11; straight to MLflow,
  // also the chunk init() starts loading, ADR 8): a page closed before it arrives loses what had
  // finished (documented). Close once the path is ready: an LLM call lasts longer than the load.
  while (getExportDiagnostics().transport === undefined) await new Promise((r) => setTimeout(r, 10));
  const root = startSpan({ name: "closed-open-root", inputs: { step: "root" } });
  startSpan({ name: "ended-child", parent: root }).end({ outputs: "done before the page closed" });
  const open = startSpan({ name: "open-child", parent: root });
  const report = { kind: "page-close-fixture", complete, open: { traceId: root.traceId, rootId: root.spanId, openId: open.spanId } };
  (window as { fixtureReport?: unknown }).fixtureReport = report;
}

void main();
