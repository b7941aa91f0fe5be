import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { withSpan } from "../api/with-span";
import { resetWarnings, setLogger } from "../diagnostics/logger";
import { captureTraces } from "../testing/capture-traces";
import type { FinishedTrace } from "../tracing/finished-trace";
import { createTraceRelay, type TraceRelayOptions } from "./relay-handler";
import { encodeRelayTrace, relayPayloadText } from "./relay-wire";

/** A fake MLflow: records every request; `answer` decides the reply. */
function fakeMlflow(answer: (url: URL, init: RequestInit) => Response = () => new Response("{}")) {
  const calls: Array<{ method: string; path: string; body: string; headers: Headers }> = [];
  const fetchImpl = (async (input: string | URL | Request, init: RequestInit = {}) => {
    const url = new URL(String(input));
    calls.push({ method: init.method ?? "GET", path: url.pathname + url.search, body: String(init.body ?? ""), headers: new Headers(init.headers) });
    return answer(url, init);
  }) as typeof fetch;
  return { calls, fetchImpl };
}

let traces: FinishedTrace[];
beforeEach(async () => {
  const capture = captureTraces();
  await withSpan({ name: "browser-root" }, async () => "done");
  traces = await capture.flush();
  capture.restore();
  resetWarnings();
  setLogger({ warn: () => undefined, error: () => undefined });
});
afterEach(() => setLogger(undefined));

const body = (experiment: { experimentId?: string; experimentName?: string } = {}) => relayPayloadText(traces.map(encodeRelayTrace), experiment);
const post = (text: string, headers: Record<string, string> = {}) =>
  new Request("https://app.example.com/api/traces", { method: "POST", headers: { "content-type": "text/plain;charset=UTF-8", ...headers }, body: text });

function relay(options: Partial<TraceRelayOptions> = {}, mlflow = fakeMlflow()) {
  return {
    mlflow,
    handle: createTraceRelay({ trackingUri: "http://mlflow.internal:5000", experimentIds: ["12"], transport: "otlp", trackingServerToken: "secret", fetch: mlflow.fetchImpl, ...options }),
  };
}

async function answer(response: Response): Promise<[number, string]> {
  return [response.status, ((await response.json()) as { error?: string }).error ?? ""];
}

describe("createTraceRelay", () => {
  it("forwards a valid payload to MLflow with the server's credentials", async () => {
    const { handle, mlflow } = relay();
    const res = await handle(post(body({ experimentId: "12" })));
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 1 });
    const sent = mlflow.calls.find((c) => c.path === "/v1/traces")!;
    expect(sent.headers.get("authorization")).toBe("Bearer secret");
    expect(sent.headers.get("x-mlflow-experiment-id")).toBe("12");
    expect(sent.body).toContain(traces[0]!.root.spanId);
  });

  it("uses the first allowed experiment when the payload names none, and resolves allowed names", async () => {
    const byName = relay(
      { experimentIds: [], experimentNames: ["chat-ui"] },
      fakeMlflow((url) => (url.pathname.endsWith("get-by-name") ? Response.json({ experiment: { experiment_id: "34" } }) : new Response("{}"))),
    );
    expect((await byName.handle(post(body()))).status).toBe(200);
    expect(byName.mlflow.calls.find((c) => c.path === "/v1/traces")!.headers.get("x-mlflow-experiment-id")).toBe("34");
    const byId = relay();
    expect((await byId.handle(post(body()))).status).toBe(200);
    expect(byId.mlflow.calls.find((c) => c.path === "/v1/traces")!.headers.get("x-mlflow-experiment-id")).toBe("12");
  });

  it.each([
    ["an experiment off the allow-list", () => post(body({ experimentId: "99" })), 403, 'experimentId "99" is not on this relay\'s allow-list.'],
    ["a name off the allow-list", () => post(body({ experimentName: "other" })), 403, 'experimentName "other" is not on this relay\'s allow-list.'],
    ["malformed JSON", () => post("{not json"), 400, "the payload is not JSON"],
    ["a schema violation", () => post('{"format":"kong-mlflow.traces.v1","traces":[{"traceId":"x"}]}'), 400, 'traces[0].traceId: "x" is not "tr-"'],
    ["a declared size over the limit", () => post(body(), { "content-length": String(2 * 1024 * 1024) }), 413, "the payload is 2097152 bytes; this relay accepts at most 1048576 bytes"],
    ["a body over the limit without a declared size", () => new Request("https://app.example.com/api/traces", { method: "POST", body: new Blob(["x".repeat(1024 * 1024 + 1)]).stream(), duplex: "half" } as RequestInit), 413, "more than 1048576"],
    ["another content type", () => post(body(), { "content-type": "application/x-www-form-urlencoded" }), 415, 'content type "application/x-www-form-urlencoded" is not accepted'],
    ["another method", () => new Request("https://app.example.com/api/traces"), 405, "GET is not supported"],
    ["a foreign origin", () => post(body(), { origin: "https://evil.example" }), 403, "origin https://evil.example may not post traces to this relay"],
  ])("refuses %s with a clear 4xx and forwards nothing", async (_what, request, status, message) => {
    const { handle, mlflow } = relay();
    const [got, error] = await answer(await handle(request()));
    expect(got).toBe(status);
    expect(error).toContain(message);
    expect(mlflow.calls).toEqual([]);
  });

  it("serves its own origin and listed origins, with CORS headers and preflights", async () => {
    const { handle } = relay({ allowedOrigins: ["https://web.example"] });
    expect((await handle(post(body(), { origin: "https://app.example.com" }))).status).toBe(200);
    const listed = await handle(post(body(), { origin: "https://web.example" }));
    expect(listed.status).toBe(200);
    expect(listed.headers.get("access-control-allow-origin")).toBe("https://web.example");
    const preflight = await handle(new Request("https://app.example.com/api/traces", { method: "OPTIONS", headers: { origin: "https://web.example", "access-control-request-headers": "x-csrf" } }));
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toBe("x-csrf");
    const refused = await handle(post(body(), { origin: "https://evil.example" }));
    expect(refused.headers.get("access-control-allow-origin")).toBe("https://evil.example"); // so the page can read why
  });

  it("answers 502 when MLflow is down (worth retrying) and 422 when MLflow refuses", async () => {
    const down = relay({}, fakeMlflow(() => new Response("busy", { status: 503 })));
    expect(await answer(await down.handle(post(body())))).toEqual([502, expect.stringContaining("MLflow could not be reached or failed")]);
    const refuses = relay({}, fakeMlflow(() => Response.json({ error_code: "INVALID_PARAMETER_VALUE", message: "bad span" }, { status: 400 })));
    expect(await answer(await refuses.handle(post(body())))).toEqual([422, expect.stringContaining("MLflow refused the request")]);
  });

  it("records a browser's assessment on a trace of an allowed experiment, and only there", async () => {
    const traceOf = (experimentId: string) => (url: URL) =>
      url.pathname.endsWith("/assessments")
        ? Response.json({ assessment: { assessment_id: "a-1", assessment_name: "thumbs" } })
        : Response.json({ trace: { trace_info: { trace_location: { mlflow_experiment: { experiment_id: experimentId } } } } });
    const traceId = traces[0]!.traceId;
    const feedback = (id = traceId) => post(JSON.stringify({ format: "kong-mlflow.assessment.v1", traceId: id, assessment: { assessment_name: "thumbs", trace_id: id, feedback: { value: true } } }), { "content-type": "application/json" });
    const allowed = relay({}, fakeMlflow(traceOf("12")));
    const ok = await allowed.handle(feedback());
    expect(ok.status).toBe(200);
    expect(await ok.json()).toEqual({ assessment: { assessment_id: "a-1", assessment_name: "thumbs" } });
    const sent = allowed.mlflow.calls.find((c) => c.path.endsWith("/assessments"))!;
    expect(sent.headers.get("authorization")).toBe("Bearer secret");
    expect(JSON.parse(sent.body)).toEqual({ assessment: { assessment_name: "thumbs", trace_id: traceId, feedback: { value: true } } });

    const elsewhere = relay({}, fakeMlflow(traceOf("77")));
    expect(await answer(await elsewhere.handle(feedback()))).toEqual([403, `trace ${traceId} is not in an experiment on this relay's allow-list.`]);
    expect(elsewhere.mlflow.calls.some((c) => c.path.endsWith("/assessments"))).toBe(false);

    const malformed = relay({}, fakeMlflow(traceOf("12")));
    expect(await answer(await malformed.handle(feedback("tr-nope")))).toEqual([400, 'traceId: expected "tr-" followed by 32 lowercase hex characters']);
    expect(malformed.mlflow.calls).toEqual([]);
  });

  it("needs an allow-list", () => {
    expect(() => createTraceRelay({ trackingUri: "http://mlflow:5000" })).toThrow(/experimentIds \/ experimentNames: a trace relay needs an allow-list/);
  });
});
