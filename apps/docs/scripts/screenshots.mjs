// @ts-check
// Takes the docs' screenshots of the MLflow UI from a real run: starts MLflow (fresh, free
// port), runs the built demo against it (the demo starts the Kong stand-in), opens the
// traces in headless Chromium, waits until each view has rendered, and writes
// apps/docs/public/screenshots/*.png.
//
//   pnpm --filter @kong-mlflow/docs screenshots      (after `pnpm turbo run build`)
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { startMlflowServer } from "@kong-mlflow/testkit";
import { launchChromium } from "./chromium.mjs";

const docsDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
const repoRoot = resolve(docsDir, "../..");
const outDir = join(docsDir, "public", "screenshots");

/** @param {string} trackingUri @param {string} reportPath */
function runDemo(trackingUri, reportPath) {
  return new Promise((resolveRun, reject) => {
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !(k.startsWith("KONG_") && !k.startsWith("KONG_MLFLOW_"))));
    const child = spawn(process.execPath, [join(repoRoot, "apps/demo/dist/main.js"), "--once", "--json", reportPath], {
      cwd: repoRoot,
      env: { ...env, MLFLOW_TRACKING_URI: trackingUri },
      stdio: ["ignore", "inherit", "inherit"],
    });
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolveRun(undefined) : reject(new Error(`the demo exited with ${code}`))));
  });
}

/**
 * @typedef {{ scenario: string, url: string, trace: { traceId: string } }} Result
 * @typedef {{ file: string, scenario: string, what: string, show: (page: import("playwright-core").Page) => Promise<void> }} Shot
 */

/** @type {Shot[]} */
const SHOTS = [
  {
    file: "traced-function-chat.png",
    scenario: "traced-function",
    what: "askQuestion (CHAIN) with the LLM call nested inside, its chat messages rendered",
    async show(page) {
      await page.getByText("askQuestion", { exact: true }).first().waitFor();
      await page.getByText("chat.completions.create", { exact: true }).first().click();
      await page.getByText("You are a helpful assistant.").first().waitFor();
      await page.getByText("Echo: What is MLflow Tracing?").first().waitFor();
    },
  },
  {
    file: "basic-gateway-attributes.png",
    scenario: "basic",
    what: "the LLM span's Attributes tab: Kong's request id, model, latencies",
    async show(page) {
      await page.getByText("chat.completions.create", { exact: true }).first().waitFor();
      await page.locator("[role=tab]", { hasText: "Attributes" }).click();
      await page.getByText("kong.request_id", { exact: true }).waitFor();
      await page.getByText("kong.latency.upstream_ms", { exact: true }).waitFor();
    },
  },
  {
    file: "streaming-output.png",
    scenario: "streaming",
    what: "a streamed call: one span whose output is the whole message put back together",
    async show(page) {
      await page.getByText("chat.completions.create", { exact: true }).first().waitFor();
      await page.getByText("Echo: Write a haiku about API gateways.").first().waitFor();
    },
  },
  {
    file: "manual-tracing-tree.png",
    scenario: "manual-tracing",
    what: "manual spans: answerFromDocs > retrieveDocuments > rankDocuments, formatAnswer",
    async show(page) {
      for (const name of ["answerFromDocs", "retrieveDocuments", "rankDocuments", "formatAnswer"]) {
        await page.getByText(name, { exact: true }).first().waitFor();
      }
      await page.getByText("Based on 2 documents", { exact: false }).first().waitFor();
    },
  },
];

async function main() {
  const work = mkdtempSync(join(tmpdir(), "kong-mlflow-screenshots-"));
  const server = await startMlflowServer({});
  console.log(`MLflow ${server.version} at ${server.trackingUri}`);
  let browser;
  try {
    const reportPath = join(work, "report.json");
    await runDemo(server.trackingUri, reportPath);
    /** @type {{ results: Result[], mlflow: { experimentId: string } }} */
    const report = JSON.parse(readFileSync(reportPath, "utf8"));

    browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
    context.setDefaultTimeout(30_000);
    // Keep MLflow's assistant panel closed so the trace view gets the whole width.
    await context.addInitScript(() => {
      localStorage.setItem("mlflow.assistant.fab.autoOpenedOnFirstLoad_v1", "true");
      localStorage.setItem("mlflow.assistant.panelOpen_v1", "false");
    });
    const page = await context.newPage();
    mkdirSync(outDir, { recursive: true });

    for (const shot of SHOTS) {
      const result = report.results.find((r) => r.scenario === shot.scenario);
      if (!result) throw new Error(`the demo ran no ${shot.scenario} scenario`);
      await page.goto(result.url);
      await page.getByText(result.trace.traceId.slice(3, 11)).first().waitFor(); // the trace view's header shows the id
      await shot.show(page);
      await page.waitForTimeout(500); // let transitions settle
      await page.screenshot({ path: join(outDir, shot.file) });
      console.log(`wrote ${join("apps/docs/public/screenshots", shot.file)}: ${shot.what}`);
    }

    await page.goto(`${server.trackingUri}/#/experiments/${report.mlflow.experimentId}/traces`);
    const gotIt = page.getByRole("button", { name: "Got it" });
    await page.getByText("What is Kong AI Gateway?").first().waitFor();
    if (await gotIt.isVisible().catch(() => false)) await gotIt.click();
    await page.mouse.move(700, 700); // no row hovered
    await page.waitForTimeout(500);
    await page.screenshot({ path: join(outDir, "traces-list.png") });
    console.log("wrote apps/docs/public/screenshots/traces-list.png: the experiment's Traces tab with the demo's traces");
  } finally {
    await browser?.close();
    await server.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(`screenshots failed: ${error instanceof Error ? error.stack : String(error)}`);
  process.exit(1);
});
