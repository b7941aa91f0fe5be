import { describe, expect, it } from "vitest";
import { parseArgs } from "./cli-args";
import { SCENARIOS } from "./scenarios/catalog";

describe("the demo's command line", () => {
  it("runs every scenario in Node, a worker and (with Chromium) a page, MLflow on port 5000, and keeps the UI up by default; CI=true implies --once", () => {
    const noChromium = { CHROMIUM_PATH: "/nonexistent/chromium" };
    expect(parseArgs([], noChromium)).toEqual({ once: false, port: 5000, dataDir: undefined, json: undefined, scenarios: SCENARIOS.map((s) => s.id), runtimes: ["node", "edge"], help: false });
    expect(parseArgs([], { CHROMIUM_PATH: process.execPath }).runtimes).toEqual(["node", "edge", "browser"]);
    expect(parseArgs([], { CI: "true" }).once).toBe(true);
    expect(parseArgs(["--once"], {}).once).toBe(true);
  });

  it("takes a port, a data dir, a JSON report path, a scenario list and runtimes", () => {
    const args = parseArgs(["--port", "5123", "--data-dir", "/tmp/d", "--json", "r.json", "--only", "streaming,basic", "--runtime", "node"], {});
    expect(args).toMatchObject({ port: 5123, dataDir: "/tmp/d", json: "r.json", scenarios: ["streaming", "basic"], runtimes: ["node"] });
    expect(parseArgs(["-h"], {}).help).toBe(true);
  });

  it("says what is wrong with a bad argument", () => {
    expect(() => parseArgs(["--port", "http"], {})).toThrow('--port: "http" is not a port number.');
    expect(() => parseArgs(["--port"], {})).toThrow("--port needs a value");
    expect(() => parseArgs(["--only", "nope"], {})).toThrow(/--only: no scenario "nope"; there are basic, traced-function, streaming, manual-tracing/);
    expect(() => parseArgs(["--runtime", "deno"], {})).toThrow(/--runtime: no runtime "deno"/);
    expect(() => parseArgs(["--verbose"], {})).toThrow('unknown argument "--verbose" (see --help).');
  });
});
