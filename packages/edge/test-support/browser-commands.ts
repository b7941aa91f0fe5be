import { fileURLToPath } from "node:url";
import type {} from "@vitest/browser-playwright"; // its `page` and `context` in the command context
import type { BrowserCommand } from "vitest/node";
import type { ReadTrace } from "../src/testing/trace-reader";

/*
 * vitest browser commands: Node-side helpers the browser tests call through
 * `commands` from "vitest/browser". Registered in vitest.browser.config.ts.
 */

const readerModule = fileURLToPath(new URL("../src/testing/trace-reader.ts", import.meta.url));

/** Reads a trace back from MLflow on the Node side, for tests running in the page. */
export const readTrace: BrowserCommand<[traceId: string, minSpans: number]> = async ({ project }, traceId, minSpans) => {
  const reader = (await project.import(readerModule)) as typeof import("../src/testing/trace-reader");
  return reader.readTrace(project.getProvidedContext().mlflowTrackingUri, traceId, minSpans);
};

/**
 * Opens the page at `pagePath` in a new tab (same origin as the tests, the
 * options in its hash), waits for it to set `window.fixtureReport`, then
 * closes the tab the way a user does (`runBeforeUnload`: Chrome fires
 * visibilitychange and pagehide) and returns the report. No request
 * interception here: an intercepted keepalive request dies with its page.
 */
export const runPageAndClose: BrowserCommand<[pagePath: string, options: string]> = async (ctx, pagePath, options) => {
  const page = await ctx.context.newPage();
  await page.goto(`${new URL(ctx.page.url()).origin}${pagePath}#${encodeURIComponent(options)}`);
  const report = await page.waitForFunction(() => (window as { fixtureReport?: unknown }).fixtureReport, undefined, { timeout: 20_000 });
  const value = await report.jsonValue();
  await page.close({ runBeforeUnload: true });
  return value;
};

declare module "vitest/browser" {
  interface BrowserCommands {
    readTrace(traceId: string, minSpans: number): Promise<ReadTrace>;
    runPageAndClose(pagePath: string, options: string): Promise<unknown>;
  }
}
