import { copyFileSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type KongStandin, decodeSpanAttributes, getExperimentByName, getTraceInfo, getTraceSpans, searchTraces, startKongStandin } from "@kong-mlflow/testkit";
import { EdgeRuntime } from "edge-runtime";
import { build } from "esbuild";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { type PublishedPackage, ROOT, buildPackages, publishedPackages, run } from "./workspace";

declare module "vitest" {
  interface ProvidedContext {
    mlflowTrackingUri: string;
  }
}

const trackingUri = inject("mlflowTrackingUri");
const PACKAGES = publishedPackages();
const FIXTURES = fileURLToPath(new URL("./fixtures", import.meta.url));

const work = mkdtempSync(join(tmpdir(), "kong-mlflow-release-check-"));
const tarballDir = join(work, "tarballs");
/** Each published package's tarball, as `pnpm pack` (which publishing uses) writes it. */
const tarballs = new Map<string, string>();

// One build and one `pnpm pack` per package for the whole file: attw and the install test use the tarballs.
beforeAll(async () => {
  await buildPackages();
  const packed = await Promise.all(PACKAGES.map((p: PublishedPackage) => run("pnpm", ["pack", "--pack-destination", tarballDir], { cwd: p.dir })));
  for (const result of packed) if (result.code !== 0) throw new Error(`pnpm pack failed:\n${result.output}`);
  const files = readdirSync(tarballDir);
  for (const p of PACKAGES) {
    const file = files.find((f) => f === `${p.name.replace("@", "").replace("/", "-")}-${p.version}.tgz`);
    if (!file) throw new Error(`no tarball for ${p.name} among ${files.join(", ")}`);
    tarballs.set(p.name, join(tarballDir, file));
  }
}, 300_000);
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("every published package passes publint and attw", () => {
  it("publishes core, node, edge and testkit", () => {
    expect(PACKAGES.map((p) => p.name).sort()).toEqual(["@kong-mlflow/core", "@kong-mlflow/edge", "@kong-mlflow/node", "@kong-mlflow/testkit"]);
  });

  for (const pkg of PACKAGES) {
    it(`publint --strict: ${pkg.name}`, async () => {
      const result = await run("publint", ["--strict"], { cwd: pkg.dir });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain("All good!");
    });

    it(`attw on the packed tarball (node10, node16 CJS and ESM, bundler): ${pkg.name}`, async () => {
      const result = await run("attw", [tarballs.get(pkg.name)!, "--format", "table-flipped"], { cwd: pkg.dir });
      expect(result.code, result.output).toBe(0);
      expect(result.output).toContain("No problems found");
    });
  }
});

describe("the packed tarballs, installed with npm into a project outside the workspace", () => {
  const project = mkdtempSync(join(tmpdir(), "kong-mlflow-pack-install-"));
  // (outside the workspace: no node_modules above it, so only what npm installs here resolves)
  const experimentName = `pack-install-${Date.now()}`;
  let kong: KongStandin;
  let env: Record<string, string>;

  beforeAll(async () => {
    kong = await startKongStandin();
    // What the apps read, and nothing from the outer environment that could change it.
    const unset = ["MLFLOW_EXPERIMENT_ID", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "KONG_ROUTE_PATH", "KONG_API_KEY", "KONG_DEFAULT_MODEL", "OPENAI_API_KEY", "KONG_MLFLOW_EXPORT_TRANSPORT"];
    env = { ...Object.fromEntries(unset.map((name) => [name, ""])), MLFLOW_TRACKING_URI: trackingUri, MLFLOW_EXPERIMENT_NAME: experimentName, KONG_GATEWAY_URL: kong.url };
    const tarballOf = (name: string) => `file:${tarballs.get(name)!}`;
    const core = tarballOf("@kong-mlflow/core");
    writeFileSync(
      join(project, "package.json"),
      JSON.stringify(
        {
          name: "kong-mlflow-install-check",
          private: true,
          dependencies: { "@kong-mlflow/core": core, "@kong-mlflow/node": tarballOf("@kong-mlflow/node"), "@kong-mlflow/edge": tarballOf("@kong-mlflow/edge"), openai: "6.49.0" },
          // node and edge depend on core by version: take it from its tarball too, never from the registry.
          overrides: { "@kong-mlflow/core": core },
        },
        null,
        2,
      ),
    );
    const installed = await run("npm", ["install", "--no-audit", "--no-fund", "--loglevel=error"], { cwd: project, timeoutMs: 180_000 });
    if (installed.code !== 0) throw new Error(`npm install failed:\n${installed.output}`);
    for (const file of readdirSync(FIXTURES)) copyFileSync(join(FIXTURES, file), join(project, basename(file)));
  }, 240_000);

  afterAll(async () => {
    await kong?.close();
    rmSync(project, { recursive: true, force: true });
  });

  const node = async (script: string) => {
    const result = await run(process.execPath, [script], { cwd: project, env, timeoutMs: 60_000 });
    expect(result.code, result.output).toBe(0);
    expect(result.stderr, result.output).toBe("");
    return JSON.parse(result.stdout.trim().split("\n").pop()!) as Record<string, unknown>;
  };

  /** The trace's spans, by name, with attributes decoded. */
  const spansOf = async (traceId: string) =>
    Object.fromEntries((await getTraceSpans(trackingUri, traceId)).map((s) => [s.name, { parent: s.parent_span_id, attributes: decodeSpanAttributes(s.attributes) }]));

  it("an ES module app traces a chat call through Kong, records feedback, and shares one runtime with the CommonJS copy", async () => {
    const out = await node("app.mjs");
    expect(out).toMatchObject({ answer: "Echo: hello from ESM", distinctCopies: true, diagnostics: { exported: 2, failed: 0, dropped: 0, queued: 0 } });
    const spans = await spansOf(out.esmTraceId as string);
    expect(Object.keys(spans).sort()).toEqual(["askFromEsm", "chat.completions.create"]);
    expect(spans["chat.completions.create"]!.attributes["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(spans["chat.completions.create"]!.attributes["kong.llm_model"]).toBe("openai/gpt-4o");
    expect(Object.keys(await spansOf(out.cjsCopyTraceId as string))).toEqual(["fromCjsCopy"]);
    const info = await getTraceInfo(trackingUri, out.esmTraceId as string);
    expect(info.assessments).toEqual([expect.objectContaining({ assessment_id: out.feedbackId, assessment_name: "user_satisfaction", feedback: { value: true } })]);
  });

  it("a CommonJS app (require) traces a chat call through Kong", async () => {
    const out = await node("app.cjs");
    expect(out).toMatchObject({ answer: "Echo: hello from CommonJS", diagnostics: { exported: 1, failed: 0 } });
    const spans = await spansOf(out.traceId as string);
    expect(spans["chat.completions.create"]!.attributes["kong.proxied"]).toBe(true);
    expect(spans.askFromCjs).toBeDefined();
  });

  it("npx @kong-mlflow/node doctor passes from the installed tarball", async () => {
    const result = await run("npx", ["--no", "@kong-mlflow/node", "doctor", "--no-chat"], { cwd: project, env, timeoutMs: 60_000 });
    expect(result.code, result.output).toBe(0);
    expect(result.stdout).toMatch(/^PASS {2}test trace {7} tr-[0-9a-f]{32} landed in experiment \d+/m);
    expect(result.stdout).toMatch(/^PASS {2}Kong gateway {5} Kong 3\.10\.0 answers/m);
    expect(result.stdout).toContain("6 passed, 0 failed, 1 skipped");
  });

  it("an edge bundle (esbuild, platform browser) runs in edge-runtime and its trace lands", async () => {
    const bundle = await build({
      entryPoints: [join(project, "edge-entry.js")],
      absWorkingDir: project,
      bundle: true,
      write: false,
      format: "iife",
      platform: "browser",
      conditions: ["edge-light", "worker", "browser"],
      target: "es2022",
      logLevel: "silent",
    });
    const code = bundle.outputFiles[0]!.text;
    expect(code).not.toMatch(/require\(["']node:/);
    // Vercel Edge has `process.env` (and openai 6.49 reads `globalThis.process.version` when it sees
    // `EdgeRuntime`); the bare edge-runtime has no `process`, so give it what Vercel gives.
    const edge = new EdgeRuntime({ initialCode: code, extend: (context) => Object.assign(context, { process: { env: {} } }) });
    const response = await edge.dispatchFetch("http://edge.test/", { method: "POST", body: JSON.stringify({ trackingUri, experimentName, gatewayUrl: kong.url }) });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const out = JSON.parse(text) as Record<string, unknown>;
    expect(out).toMatchObject({ answer: "Echo: hello from the edge", runtime: "edge-runtime", diagnostics: { exported: 1, failed: 0 } });
    const spans = await spansOf(out.traceId as string);
    expect(spans["chat.completions.create"]!.attributes["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(spans.edgeHandler).toBeDefined();
  });

  it("every trace landed in the one experiment the environment named", async () => {
    const experiment = await getExperimentByName(trackingUri, experimentName);
    const traces = await searchTraces(trackingUri, { experimentIds: [experiment!.experiment_id] });
    expect(traces.map((t) => t.tags?.["mlflow.traceName"]).sort()).toEqual(["askFromCjs", "askFromEsm", "edgeHandler", "fromCjsCopy", "kong-mlflow doctor"]);
    expect(project.startsWith(ROOT)).toBe(false);
  });
});
