import { playwright } from "@vitest/browser-playwright";
import { defineProject } from "vitest/config";
import { workspaceAlias } from "../../vitest.aliases.ts";
import { readTrace, runPageAndClose } from "./test-support/browser-commands.ts";

/** Flags for Debian's Chromium running headless, as root, offline. */
const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

/**
 * The browser project of the root vitest run: `*.browser.test.ts` files of
 * this package run in headless Chromium (Debian's, at /usr/bin/chromium, or
 * $CHROMIUM_PATH). Its global setup starts Kong (with CORS) and a trace relay.
 */
export default defineProject({
  resolve: { alias: workspaceAlias },
  // pre-bundled up front, so a late discovery never reloads the page mid-test
  optimizeDeps: { include: ["openai"] },
  test: {
    name: "browser",
    include: ["src/**/*.browser.*test.ts"],
    globalSetup: ["./test-support/browser-global-setup.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    browser: {
      enabled: true,
      headless: true,
      provider: playwright({ launchOptions: { executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium", args: chromiumArgs } }),
      instances: [{ browser: "chromium" }],
      screenshotFailures: false,
      commands: { readTrace, runPageAndClose },
    },
  },
});
