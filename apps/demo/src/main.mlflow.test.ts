import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { getFreePort, isPortFree } from "@kong-mlflow/testkit";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { LandedSpan } from "./readback";
import type { DemoReport } from "./report";
import { SCENARIOS, scenarioById } from "./scenarios/catalog";
import { ensureDemoBuilt, runDemo } from "./testing/run-demo";

const work = mkdtempSync(join(tmpdir(), "kong-mlflow-demo-test-"));
beforeAll(() => void ensureDemoBuilt());
afterAll(() => rmSync(work, { recursive: true, force: true }));

type ChatOutput = { choices: Array<{ message: { content: string } }> };

describe("the demo, built and run as ./scripts/demo.sh runs it", () => {
  it("runs every scenario --once, in Node, a worker and a page, against a fresh MLflow it starts on a free port, and every trace lands with the right shape", async () => {
    const port = await getFreePort();
    const json = join(work, "report.json");
    const run = await runDemo(["--once", "--port", String(port), "--data-dir", join(work, "mlflow"), "--json", json, "--runtime", "node,edge,browser"]);
    expect(run.stderr).toBe("");
    expect(run.code).toBe(0);

    const report = JSON.parse(readFileSync(json, "utf8")) as DemoReport;
    expect(report.mlflow).toMatchObject({ trackingUri: `http://127.0.0.1:${port}`, startedByDemo: true, experimentName: "kong-mlflow-demo" });
    expect(report.gateway.standin).toBe(true);
    const guide = ["basic", "traced-function", "streaming"];
    const expected = [...SCENARIOS.map((s) => `${s.id} (node)`), ...guide.map((id) => `${id} (edge)`), ...guide.map((id) => `${id} (browser)`)];
    expect(report.results.map((r) => `${r.scenario} (${r.runtime})`)).toEqual(expected);
    const byId = Object.fromEntries(report.results.filter((r) => r.runtime === "node").map((r) => [r.scenario, r]));
    const span = (id: string, name: string): LandedSpan => byId[id]!.trace.spans.find((s) => s.name === name)!;

    for (const r of report.results) {
      expect(r.problems, r.scenario).toEqual([]);
      expect(r.trace.state).toBe("OK");
      expect(r.url).toBe(`http://127.0.0.1:${port}/#/experiments/${report.mlflow.experimentId}/traces?selectedEvaluationId=${r.trace.traceId}`);
    }

    // (a) basic: the LLM call is the trace, with Kong's signals and the chat view's fields
    const basic = span("basic", "chat.completions.create");
    expect(byId.basic!.trace.spans).toHaveLength(1);
    expect(basic.type).toBe("CHAT_MODEL");
    expect(basic.attributes["mlflow.message.format"]).toBe("openai");
    expect(basic.attributes["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
    expect(basic.attributes["kong.llm_model"]).toBe("openai/gpt-4o");
    expect(basic.attributes["kong.proxied"]).toBe(true);
    expect((basic.attributes["mlflow.spanOutputs"] as ChatOutput).choices[0]!.message.content).toBe("Echo: What is Kong AI Gateway?");
    expect(byId.basic!.trace.totalTokens).toBeGreaterThan(0);
    expect(byId.basic!.trace.gatewayRequestId).toBe(basic.attributes["kong.request_id"]);

    // (b) traced function: askQuestion (CHAIN) is the root, the LLM call its child
    const ask = span("traced-function", "askQuestion");
    expect(ask.type).toBe("CHAIN");
    expect(ask.parent).toBeUndefined();
    expect(ask.attributes["mlflow.spanOutputs"]).toBe("Echo: What is MLflow Tracing?");
    expect(span("traced-function", "chat.completions.create").parent).toBe("askQuestion");

    // (c) streaming: one span, ended after the loop, with the whole message put back together
    const streamed = span("streaming", "chat.completions.create");
    expect(streamed.attributes["kong.stream.outcome"]).toBe("completed");
    expect(streamed.attributes["kong.stream.chunks"]).toBeGreaterThan(1);
    expect((streamed.attributes["mlflow.spanOutputs"] as ChatOutput).choices[0]!.message.content).toBe("Echo: Write a haiku about API gateways.");

    // manual tracing: CHAIN > RETRIEVER > TOOL, and a PARSER
    expect(byId["manual-tracing"]!.trace.spans.map((s) => `${s.parent ?? ""}>${s.name}:${s.type}`).sort()).toEqual(
      [">answerFromDocs:CHAIN", "answerFromDocs>retrieveDocuments:RETRIEVER", "retrieveDocuments>rankDocuments:TOOL", "answerFromDocs>formatAnswer:PARSER"].sort(),
    );

    // the same guide scenarios in a Cloudflare Worker (workerd; exported in waitUntil) and in a page
    // (Chromium; exported through the trace relay): the span shapes of Node, with Kong's signals
    for (const r of report.results.filter((x) => x.runtime !== "node")) {
      const node = byId[r.scenario]!;
      const tree = (spans: LandedSpan[]) => spans.map((s) => `${s.parent ?? ""}>${s.name}:${s.type}`).sort();
      expect(tree(r.trace.spans), r.scenario).toEqual(tree(node.trace.spans));
      expect(r.trace.gatewayRequestId, r.scenario).toMatch(/^[0-9a-f]{32}$/);
      const llm = r.trace.spans.find((s) => s.name === "chat.completions.create")!;
      expect((llm.attributes["mlflow.spanOutputs"] as ChatOutput).choices[0]!.message.content).toBe(scenarioById(r.scenario)!.standinAnswer);
    }

    // progress and the summary table on stdout
    for (const [i, name] of expected.entries()) expect(run.stdout).toContain(`[${i + 1}/${expected.length}] ${name}`);
    expect(run.stdout.match(/✓ landed in MLflow/g)).toHaveLength(expected.length);
    expect(run.stdout).toMatch(/scenario\s+trace id\s+spans\s+tokens\s+gateway request id\s+latency/);
    for (const r of report.results) {
      expect(run.stdout).toContain(r.url);
      const name = r.runtime === "node" ? r.scenario : `${r.scenario} \\(${r.runtime}\\)`;
      expect(run.stdout).toMatch(new RegExp(`${name}\\s+${r.trace.traceId}\\s+${r.trace.spans.length}\\s`));
    }
    // --once: MLflow was stopped on the way out
    expect(await isPortFree(port)).toBe(true);
  }, 180_000);

  it("fails fast, saying what to do, when the MLflow port is taken", async () => {
    const blocker: Server = createServer();
    await new Promise<void>((r) => blocker.listen(0, "127.0.0.1", r));
    const port = (blocker.address() as { port: number }).port;
    try {
      const run = await runDemo(["--once", "--port", String(port)], {}, 20_000);
      expect(run.code).toBe(1);
      expect(run.stderr).toContain(`port ${port} is already taken`);
      expect(run.stderr).toMatch(/--port <free port>.*MLFLOW_TRACKING_URI/);
      expect(run.ms).toBeLessThan(15_000);
    } finally {
      await new Promise((r) => blocker.close(r));
    }
  });

  it("fails fast without the MLflow virtualenv, and when KONG_GATEWAY_URL does not answer", async () => {
    const noVenv = await runDemo(["--once", "--port", String(await getFreePort())], { KONG_MLFLOW_VENV: join(work, "no-venv") }, 20_000);
    expect(noVenv.code).toBe(1);
    expect(noVenv.stderr).toMatch(/MLflow is not installed for the demo\. Run \.\/scripts\/demo\.sh/);
    expect(noVenv.ms).toBeLessThan(15_000);

    const deadGateway = `http://127.0.0.1:${await getFreePort()}`;
    const noKong = await runDemo(["--once"], { KONG_GATEWAY_URL: deadGateway }, 20_000);
    expect(noKong.code).toBe(1);
    expect(noKong.stderr).toContain(`KONG_GATEWAY_URL=${deadGateway} does not answer`);
    expect(noKong.stderr).toContain("unset KONG_GATEWAY_URL");
  });
});
