import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { type KongStandin, getFreePort, searchTraces, startKongStandin, getExperimentByName } from "@kong-mlflow/testkit";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, inject, it, vi } from "vitest";
import { DOCTOR_TRACE_TAG, type DoctorReport } from "../index";
import { runCli } from "./run-cli";

const trackingUri = inject("mlflowTrackingUri");
const KEY = "consumer-key-123";
let kong: KongStandin;
let plain: Server;
let plainUrl: string;

/** Runs `kong-mlflow <argv>` in-process; returns the exit code and what it printed. */
async function cli(...argv: string[]): Promise<{ code: number; out: string; lines: Record<string, string> }> {
  const printed: string[] = [];
  const code = await runCli(argv, { out: (l) => printed.push(l), err: (l) => printed.push(l) });
  const out = printed.join("\n");
  const lines: Record<string, string> = {};
  for (const line of out.split("\n")) {
    const match = /^(PASS|FAIL|SKIP) {2}(.{17}) (.*)$/.exec(line);
    if (match) lines[match[2]!.trim()] = `${match[1]} ${match[3]}`;
  }
  return { code, out, lines };
}

const ENV = ["MLFLOW_TRACKING_URI", "MLFLOW_EXPERIMENT_ID", "MLFLOW_EXPERIMENT_NAME", "MLFLOW_TRACKING_USERNAME", "MLFLOW_TRACKING_PASSWORD", "MLFLOW_TRACKING_TOKEN", "KONG_GATEWAY_URL", "KONG_ROUTE_PATH", "KONG_API_KEY", "KONG_API_KEY_HEADER", "OPENAI_API_KEY", "KONG_DEFAULT_MODEL", "KONG_MLFLOW_EXPORT_TRANSPORT"];

beforeAll(async () => {
  kong = await startKongStandin({ keyAuth: { keys: [KEY] } });
  plain = createServer((_req, res) => {
    res.writeHead(200, { "Content-Type": "application/json", Server: "nginx/1.25.3" });
    res.end('{"ok":true}');
  });
  await new Promise<void>((resolve) => plain.listen(0, "127.0.0.1", resolve));
  plainUrl = `http://127.0.0.1:${(plain.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await kong.close();
  await new Promise((resolve) => plain.close(resolve));
});
beforeEach(() => {
  kong.reset();
  for (const name of ENV) vi.stubEnv(name, "");
});
afterEach(() => vi.unstubAllEnvs());

const experimentName = () => `doctor-${Date.now()}-${Math.random().toString(16).slice(2)}`;

describe("kong-mlflow doctor against the real MLflow and the Kong stand-in", () => {
  it("passes every check on a working set-up, from environment variables, and leaves a tagged test trace", async () => {
    const name = experimentName();
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    vi.stubEnv("MLFLOW_EXPERIMENT_NAME", name);
    vi.stubEnv("KONG_GATEWAY_URL", kong.url);
    vi.stubEnv("KONG_API_KEY", KEY);
    vi.stubEnv("KONG_DEFAULT_MODEL", "gpt-4o");
    const { code, out, lines } = await cli("doctor");
    expect(out).not.toContain("FAIL");
    expect(code).toBe(0);
    expect(lines["MLflow server"]).toMatch(/^PASS MLflow 3\.\d+\.\d+ answers at http:\/\/127\.0\.0\.1:\d+$/);
    expect(lines.experiment).toMatch(/^PASS experiment ".*" does not exist yet; init\(\) creates it/);
    expect(lines["export transport"]).toMatch(/^PASS (otlp|native) .*chosen automatically: MLflow 3\.\d+\.\d+ \(SqlStore\)/);
    expect(lines["test trace"]).toMatch(/^PASS tr-[0-9a-f]{32} landed in experiment \d+ and reads back \(state OK, 1 span\)$/);
    expect(lines["Kong gateway"]).toMatch(/^PASS Kong 3\.10\.0 answers at http:\/\/127\.0\.0\.1:\d+ \(X-Kong-Request-Id, Server: kong\/3\.10\.0, X-Kong-Response-Latency\)$/);
    expect(lines["gateway access"]).toBe("PASS Kong accepted the consumer key from KONG_API_KEY on /v1 (ai-proxy answered: request body doesn't contain valid prompts)");
    expect(lines["chat call"]).toMatch(/^PASS gpt-4o-2024-08-06 answered through Kong in \d+ ms \(X-Kong-LLM-Model: openai\/gpt-4o\)$/);
    expect(out).toContain("7 passed, 0 failed, 0 skipped: all good.");
    // the probe stopped at ai-proxy; only the chat call reached the provider
    expect(kong.upstreamRequests).toHaveLength(1);
    // the test trace is in the experiment, tagged, and the app's tracing was not touched
    const experiment = await getExperimentByName(trackingUri, name);
    const traces = await searchTraces(trackingUri, { experimentIds: [experiment!.experiment_id], filter: `tag.\`${DOCTOR_TRACE_TAG}\` = 'true'` });
    expect(traces).toHaveLength(1);
    expect(traces[0]!.tags?.["mlflow.traceName"]).toBe("kong-mlflow doctor");
  });

  it("names a wrong MLflow URL and skips what depends on it", async () => {
    const port = await getFreePort();
    const { code, lines } = await cli("doctor", "--tracking-uri", `http://127.0.0.1:${port}`, "--no-gateway");
    expect(code).toBe(1);
    expect(lines["MLflow server"]).toMatch(new RegExp(`^FAIL cannot reach MLflow at http://127\\.0\\.0\\.1:${port} \\(--tracking-uri\\): .*ECONNREFUSED`));
    expect(lines.experiment).toBe("SKIP skipped: MLflow is not reachable");
    expect(lines["test trace"]).toBe("SKIP skipped: MLflow is not reachable");
    expect(lines["Kong gateway"]).toBe("SKIP skipped: gateway checks are turned off");
  });

  it("names a missing experiment", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    const { code, out, lines } = await cli("doctor", "--experiment-id", "987654321");
    expect(code).toBe(1);
    expect(lines.experiment).toBe(`FAIL experiment id 987654321 (--experiment-id) does not exist on ${trackingUri}: traces sent to it are refused`);
    expect(out).toContain("→ Set --experiment-id to an existing experiment's id");
    expect(lines["test trace"]).toBe("SKIP skipped: the experiment check failed");
  });

  it("names a wrong or missing consumer key (key-auth 401)", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    vi.stubEnv("KONG_GATEWAY_URL", kong.url);
    vi.stubEnv("KONG_API_KEY", "not-the-key");
    const wrong = await cli("doctor");
    expect(wrong.code).toBe(1);
    expect(wrong.lines["Kong gateway"]).toMatch(/^PASS Kong 3\.10\.0/);
    expect(wrong.lines["gateway access"]).toBe('FAIL Kong refused the consumer key from KONG_API_KEY (apikey header): "Unauthorized" (HTTP 401)');
    expect(wrong.lines["chat call"]).toBe("SKIP skipped: the gateway access check failed");
    expect(wrong.lines["test trace"]).toMatch(/^PASS/);
    vi.stubEnv("KONG_API_KEY", "");
    const none = await cli("doctor", "--no-chat");
    expect(none.lines["gateway access"]).toMatch(/^FAIL Kong refused the call: "No API key found in request" \(HTTP 401\)/);
    expect(none.out).toContain("→ Set KONG_API_KEY");
    expect(kong.upstreamRequests).toHaveLength(0);
  });

  it("tells a server that is not Kong, and a wrong route path", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    const other = await cli("doctor", "--gateway-url", plainUrl);
    expect(other.code).toBe(1);
    expect(other.lines["Kong gateway"]).toBe(
      `FAIL ${plainUrl} (--gateway-url) answered HTTP 200 but does not look like Kong: no X-Kong-Request-Id, Via: kong/…, Server: kong/… or X-Kong-*-Latency header`,
    );
    expect(other.lines["gateway access"]).toBe("SKIP skipped: the gateway check failed");
    vi.stubEnv("KONG_API_KEY", KEY);
    const route = await cli("doctor", "--gateway-url", kong.url, "--route-path", "/openai");
    expect(route.lines["gateway access"]).toBe("FAIL no Kong route matches /openai/chat/completions (--route-path is /openai)");
  });

  it("prints the report as JSON, and refuses a bad command line with exit code 2", async () => {
    vi.stubEnv("MLFLOW_TRACKING_URI", trackingUri);
    const { code, out } = await cli("doctor", "--json", "--no-gateway");
    expect(code).toBe(0);
    const report = JSON.parse(out) as DoctorReport;
    expect(report.ok).toBe(true);
    expect(report.checks.map((c) => [c.id, c.status])).toEqual([
      ["mlflow", "pass"],
      ["experiment", "pass"],
      ["transport", "pass"],
      ["test-trace", "pass"],
      ["gateway", "skip"],
      ["gateway-auth", "skip"],
      ["chat", "skip"],
    ]);
    expect(report.checks[3]!.details?.url).toMatch(/#\/experiments\/0\/traces\?selectedEvaluationId=tr-/);
    expect((await cli("doctor", "--bogus")).code).toBe(2);
    expect((await cli("doctor", "--timeout", "soon")).out).toContain('--timeout: "soon" is not a positive number');
    expect((await cli("frobnicate")).code).toBe(2);
    expect((await cli("doctor", "--help")).out).toContain("Usage: kong-mlflow doctor");
  });
});
