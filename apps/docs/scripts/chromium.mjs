// @ts-check
// Headless Chromium for the docs: the system's Debian chromium driven by playwright-core
// (which downloads no browser). Used by the screenshot script and the site test.
import { existsSync } from "node:fs";
import { chromium } from "playwright-core";

/** The Chromium binary: $CHROMIUM_PATH, else /usr/bin/chromium. */
export function chromiumPath() {
  return process.env.CHROMIUM_PATH || "/usr/bin/chromium";
}

/**
 * Launches headless Chromium, or throws saying how to install it.
 * @returns {Promise<import("playwright-core").Browser>}
 */
export async function launchChromium() {
  const executablePath = chromiumPath();
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}. Install it (Debian/Ubuntu: apt-get install -y chromium; scripts/setup-chromium.sh does it) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath,
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage"],
  });
}
