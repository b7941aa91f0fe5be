import OpenAI from "openai";
import {
  type LiveSpan,
  SpanType,
  getCurrentActiveSpan,
  kongGateway,
  spansFollowAwait,
  startSpan,
  trace,
  tracedOpenAI,
  updateCurrentTrace,
  withActiveSpan,
  withSpan,
} from "../index";

/** Where the scenarios run against. */
export interface ScenarioSetup {
  /** Kong's proxy URL (the route `/v1` is appended). */
  kongUrl: string;
  /** Tags every trace, so the checks can find this run's traces. */
  runId: string;
  /** What the runtime calls itself in the traces (`runtime` tag). */
  runtime: string;
}

/** A span's identity, as the scenarios saw it. */
export interface SpanRef {
  traceId: string;
  spanId: string;
}

/** What the scenarios did, for the checks (JSON-safe: it crosses from workerd and the browser). */
export interface ScenarioResult {
  runtime: string;
  followsAwait: boolean;
  manual: { root: SpanRef; answer: string };
  failing: { root: SpanRef; message: string };
  implicit: { root: SpanRef; child: SpanRef };
  chat: { root: SpanRef; content: string };
  stream: { root: SpanRef; content: string; chunks: number };
  interleaved: Array<{ n: number; root: SpanRef; explicit: SpanRef; implicit: SpanRef; content: string }>;
}

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const ref = (span: LiveSpan): SpanRef => ({ traceId: span.traceId, spanId: span.spanId });
const ask = (content: string) => [{ role: "user" as const, content }];

/**
 * The scenario suite every runtime runs, through the public API only:
 * manual spans (nested synchronously, and with an explicit parent after an
 * `await`), an error, a span started after an `await` with no parent (it
 * nests only where spans follow `await`), non-streaming and streaming chat
 * through Kong, and two requests interleaved in the same isolate.
 */
export async function runScenarios(setup: ScenarioSetup): Promise<ScenarioResult> {
  const client = tracedOpenAI(new OpenAI({ ...kongGateway({ url: setup.kongUrl, routePath: "/v1" }).clientOptions, dangerouslyAllowBrowser: true, maxRetries: 0 }));
  const tags = (scenario: string) => ({ tags: { run: setup.runId, runtime: setup.runtime, scenario } });

  const answer = trace({ name: "answer", spanType: SpanType.CHAIN }, async (question: string) => {
    updateCurrentTrace({ ...tags("manual"), sessionId: "edge-session", user: "edge-user" });
    const root = getCurrentActiveSpan()!; // before the first await: works in every runtime
    const docs = await withSpan({ name: "retrieve", spanType: SpanType.RETRIEVER, inputs: { query: question } }, async (span) => {
      await sleep(2);
      span.setAttribute("retriever.k", 2);
      return ["b", "a"];
    });
    await sleep(1);
    const ranked = await withSpan({ name: "rank", spanType: SpanType.TOOL, parent: root, inputs: { docs } }, async () => {
      await sleep(1);
      return [...docs].sort();
    });
    startSpan({ name: "note", spanType: SpanType.MEMORY, parent: root, inputs: { remember: question } }).end({ outputs: { stored: true } });
    return { answer: `${question} -> ${ranked.join(",")}`, root: ref(root) };
  });
  const manual = await answer("What is Kong?");

  let failingRoot: SpanRef | undefined;
  const failing = trace({ name: "failing", spanType: SpanType.TOOL }, async (id: number) => {
    updateCurrentTrace(tags("failing"));
    failingRoot = ref(getCurrentActiveSpan()!);
    await sleep(1);
    throw new RangeError(`no document ${id}`);
  });
  const message = await failing(7).then(
    () => "",
    (error: Error) => error.message,
  );

  let implicitRoot!: SpanRef;
  let implicitChild!: SpanRef;
  await withSpan({ name: "implicit-root", spanType: SpanType.CHAIN }, async (root) => {
    updateCurrentTrace(tags("implicit"));
    implicitRoot = ref(root);
    await sleep(1);
    await withSpan({ name: "after-await" }, async (child) => {
      implicitChild = ref(child);
    });
  });

  const chatTurn = trace({ name: "chat-turn", spanType: SpanType.CHAIN }, async (question: string) => {
    updateCurrentTrace(tags("chat"));
    const root = getCurrentActiveSpan()!;
    const res = await client.chat.completions.create({ model: "gpt-4o", messages: ask(question) });
    return { root: ref(root), content: res.choices[0]?.message.content ?? "" };
  });
  const chat = await chatTurn(`hello from ${setup.runtime}`);

  const streamTurn = trace({ name: "stream-turn", spanType: SpanType.CHAIN }, async (question: string) => {
    updateCurrentTrace(tags("stream"));
    const root = getCurrentActiveSpan()!;
    const stream = await client.chat.completions.create({ model: "gpt-4o", messages: ask(question), stream: true });
    let content = "";
    let chunks = 0;
    for await (const chunk of stream) {
      content += chunk.choices[0]?.delta?.content ?? "";
      chunks++;
    }
    return { root: ref(root), content, chunks };
  });
  const stream = await streamTurn(`stream to ${setup.runtime} in a few words`);

  const request = trace({ name: "request", spanType: SpanType.CHAIN }, async (n: number, delayMs: number) => {
    updateCurrentTrace({ tags: { ...tags("interleaved").tags, n: String(n) } });
    const root = getCurrentActiveSpan()!;
    await sleep(delayMs);
    const explicit = await withSpan({ name: `explicit-${n}`, parent: root }, async (span) => {
      await sleep(2);
      return ref(span);
    });
    const res = await withActiveSpan(root, () => client.chat.completions.create({ model: "gpt-4o", messages: ask(`interleaved ${n}`) }));
    const implicit = await withSpan({ name: `implicit-${n}` }, async (span) => ref(span));
    return { n, root: ref(root), explicit, implicit, content: res.choices[0]?.message.content ?? "" };
  });
  // request 2 resumes first, while request 1 is still waiting: both are open at once
  const interleaved = await Promise.all([request(1, 25), request(2, 5)]);

  return {
    runtime: setup.runtime,
    followsAwait: spansFollowAwait(),
    manual: { root: manual.root, answer: manual.answer },
    failing: { root: failingRoot!, message },
    implicit: { root: implicitRoot, child: implicitChild },
    chat,
    stream,
    interleaved,
  };
}

/** Every trace id the scenarios produced (for waiting until all were exported). */
export function scenarioTraceIds(result: ScenarioResult): string[] {
  const ids = [result.manual.root, result.failing.root, result.implicit.root, result.implicit.child, result.chat.root, result.stream.root].map((r) => r.traceId);
  for (const r of result.interleaved) ids.push(r.root.traceId, r.implicit.traceId);
  return [...new Set(ids)];
}
