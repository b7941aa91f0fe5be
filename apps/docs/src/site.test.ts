import { spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
// @ts-expect-error plain ESM helper without types
import { launchChromium } from "../scripts/chromium.mjs";
import { builtFile, type StaticServer, serveStatic } from "./static-server";

const docsDir = resolve(fileURLToPath(new URL("..", import.meta.url)));
const demoScenarios = resolve(docsDir, "../demo/src/scenarios");
const outDir = mkdtempSync(join(tmpdir(), "kong-mlflow-docs-"));

/** What a page showed once rendered in Chromium. */
interface RenderedPage {
  path: string;
  title: string;
  h1: string;
  links: string[];
  ids: string[];
  codeBlocks: string[];
  images: Array<{ src: string; loaded: boolean }>;
  errors: string[];
}

let server: StaticServer;
let browser: Browser;
const rendered = new Map<string, RenderedPage>();

function htmlFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const path = join(dir, e.name);
    if (e.isDirectory()) return e.name === "assets" ? [] : htmlFiles(path);
    return e.name.endsWith(".html") && e.name !== "404.html" ? [path] : [];
  });
}

function build(): Promise<void> {
  return new Promise((resolveBuild, reject) => {
    const child = spawn(process.execPath, [join(docsDir, "scripts", "build.mjs"), "--out-dir", outDir], { cwd: docsDir, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("close", (code) => (code === 0 ? resolveBuild() : reject(new Error(`the docs build failed (exit ${code}):\n${output.slice(-4000)}`))));
  });
}

async function render(page: Page, path: string): Promise<RenderedPage> {
  const errors: string[] = [];
  const onError = (e: Error) => errors.push(e.message);
  const onConsole = (m: { type(): string; text(): string }) => {
    if (m.type() === "error") errors.push(m.text());
  };
  page.on("pageerror", onError);
  page.on("console", onConsole);
  try {
    const response = await page.goto(server.url + path, { waitUntil: "load" });
    if (!response?.ok()) errors.push(`HTTP ${response?.status()}`);
    await page.locator(".VPContent").waitFor();
    await page.waitForFunction(() => (document.querySelector("#app") as { __vue_app__?: unknown } | null)?.__vue_app__ !== undefined);
    return await page.evaluate(
      ({ path, errors }) => ({
        path,
        title: document.title,
        h1: document.querySelector(".VPContent h1")?.textContent?.trim() ?? "",
        links: [...document.querySelectorAll("a[href]")].map((a) => (a as HTMLAnchorElement).href),
        ids: [...document.querySelectorAll("[id]")].map((e) => e.id),
        codeBlocks: [...document.querySelectorAll(".vp-doc div[class*='language-'] pre code")].map((c) => c.textContent ?? ""),
        images: [...document.querySelectorAll(".vp-doc img")].map((i) => ({ src: (i as HTMLImageElement).src, loaded: (i as HTMLImageElement).complete && (i as HTMLImageElement).naturalWidth > 0 })),
        errors,
      }),
      { path, errors },
    );
  } finally {
    page.off("pageerror", onError);
    page.off("console", onConsole);
  }
}

/** The lines of `#region name` in a demo scenario file, as the page shows them. */
function regionLines(file: string, name: string): string[] {
  const source = readFileSync(join(demoScenarios, file), "utf8");
  const match = new RegExp(`// #region ${name}\\n([\\s\\S]*?)// #endregion ${name}`).exec(source);
  if (!match) throw new Error(`no region ${name} in ${file}`);
  return match[1]!.split("\n").map((l) => l.trim()).filter(Boolean);
}

beforeAll(async () => {
  await build();
  server = await serveStatic(outDir);
  browser = await launchChromium();
  const page = await browser.newPage();
  for (const file of htmlFiles(outDir)) {
    const path = `/${relative(outDir, file).split("\\").join("/")}`;
    rendered.set(path, await render(page, path));
  }
  await page.close();
}, 240_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
  rmSync(outDir, { recursive: true, force: true });
});

describe("the docs site, built with VitePress and opened in headless Chromium", () => {
  it("renders every page: a title, a heading, no script errors", () => {
    const paths = [...rendered.keys()];
    for (const expected of ["/index.html", "/guide/quickstart.html", "/guide/demo.html", "/guide/node.html", "/guide/edge.html", "/guide/browser.html", "/guide/troubleshooting.html", "/reference/configuration.html", "/reference/gateway-signals.html", "/api/index.html"]) {
      expect(paths).toContain(expected);
    }
    expect(paths.filter((p) => p.startsWith("/api/@kong-mlflow/")).sort()).toEqual(["/api/@kong-mlflow/core.html", "/api/@kong-mlflow/core/gateway.html", "/api/@kong-mlflow/edge.html", "/api/@kong-mlflow/edge/gateway.html", "/api/@kong-mlflow/edge/relay.html", "/api/@kong-mlflow/node.html", "/api/@kong-mlflow/testkit.html"]);
    for (const page of rendered.values()) {
      expect(page.errors, page.path).toEqual([]);
      expect(page.title, page.path).toMatch(/kong-mlflow/);
      if (page.path !== "/index.html") expect(page.h1, page.path).not.toBe("");
    }
  });

  it("has no broken internal link or anchor", () => {
    const broken: string[] = [];
    for (const page of rendered.values()) {
      for (const href of page.links) {
        const url = new URL(href);
        if (url.origin !== server.url) continue;
        const file = builtFile(outDir, url.pathname);
        if (!file) {
          broken.push(`${page.path} -> ${url.pathname} (no such page)`);
          continue;
        }
        if (!url.hash) continue;
        const target = rendered.get(`/${relative(outDir, file).split("\\").join("/")}`);
        const id = decodeURIComponent(url.hash.slice(1));
        if (target && !target.ids.includes(id)) broken.push(`${page.path} -> ${url.pathname}${url.hash} (no such anchor)`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("shows the demo's own scenario code in the guide's code blocks", () => {
    const node = rendered.get("/guide/node.html")!;
    const code = node.codeBlocks.join("\n");
    expect(node.codeBlocks.length).toBeGreaterThanOrEqual(7);
    const regions: Array<[string, string]> = [
      ["node-setup.ts", "setup"],
      ["basic-chat.ts", "basic"],
      ["traced-function.ts", "traced-function"],
      ["streaming.ts", "streaming"],
      ["manual-tracing.ts", "manual-tracing"],
    ];
    for (const [file, region] of regions) {
      for (const line of regionLines(file, region)) expect(code, `${file}#${region}`).toContain(line);
    }
    expect(code).toContain("for await (const chunk of stream)");
    const edge = rendered.get("/guide/edge.html")!.codeBlocks.join("\n");
    for (const region of ["edge-worker", "edge-basic", "edge-traced-function", "edge-streaming"]) {
      for (const line of regionLines("edge/worker.ts", region)) expect(edge, `edge/worker.ts#${region}`).toContain(line);
    }
    const browser = rendered.get("/guide/browser.html")!.codeBlocks.join("\n");
    for (const [file, region] of [["browser/page.ts", "browser-init"], ["browser/page.ts", "browser-nesting"], ["browser/trace-relay.ts", "relay"]] as const) {
      for (const line of regionLines(file, region)) expect(browser, `${file}#${region}`).toContain(line);
    }
    const quickstart = rendered.get("/guide/quickstart.html")!.codeBlocks.join("\n");
    for (const line of regionLines("basic-chat.ts", "basic")) expect(quickstart).toContain(line);
    for (const path of ["/reference/configuration.html", "/reference/gateway-signals.html"]) expect(rendered.get(path)!.codeBlocks.length + 1, path).toBeGreaterThan(0);
    expect(rendered.get("/api/@kong-mlflow/node.html")!.codeBlocks.join("\n")).toContain("function tracedOpenAI");
  });

  it("shows the MLflow UI screenshots", () => {
    const images = [...rendered.values()].flatMap((p) => p.images.map((i) => ({ ...i, page: p.path })));
    const screenshots = images.filter((i) => i.src.includes("/screenshots/"));
    expect(new Set(screenshots.map((i) => new URL(i.src).pathname)).size).toBeGreaterThanOrEqual(5);
    for (const image of screenshots) expect(image.loaded, `${image.page}: ${image.src}`).toBe(true);
  });
});
