import { expect } from "vitest";
import type { ScenarioResult, SpanRef } from "./scenarios";
import type { ReadSpan, ReadTrace } from "./trace-reader";

/** Reads a trace back from MLflow (in Node directly; from the browser through a vitest command). */
export type TraceReader = (traceId: string, minSpans: number) => Promise<ReadTrace>;

function span(trace: ReadTrace, name: string): ReadSpan {
  const found = trace.spans.find((s) => s.name === name);
  expect(found, `span "${name}" in ${trace.traceId} (has ${trace.spans.map((s) => s.name).join(", ")})`).toBeDefined();
  return found!;
}

function byRef(trace: ReadTrace, ref: SpanRef): ReadSpan {
  expect(trace.traceId).toBe(ref.traceId);
  const found = trace.spans.find((s) => s.spanId === ref.spanId);
  expect(found, `span ${ref.spanId} in ${trace.traceId}`).toBeDefined();
  return found!;
}

function isRootOf(trace: ReadTrace, ref: SpanRef): void {
  expect(byRef(trace, ref).parentId).toBeNull();
}

function expectChatSpan(s: ReadSpan, parent: ReadSpan, content: string, streamed = false): void {
  expect(s.parentId).toBe(parent.spanId);
  expect(s.type).toBe("CHAT_MODEL");
  expect(s.status).toBe("STATUS_CODE_OK");
  expect((s.outputs as { choices: Array<{ message: { content: string } }> }).choices[0]!.message.content).toBe(content);
  // gateway signals: Kong's response headers reached the span (in browsers, through CORS-exposed headers)
  expect(s.attrs["kong.request_id"]).toMatch(/^[0-9a-f]{32}$/);
  expect(s.attrs["kong.llm_model"]).toBe("openai/gpt-4o");
  expect(s.attrs["gen_ai.request.model"]).toBe("gpt-4o");
  // a stream carries usage only when asked for (stream_options.include_usage)
  if (!streamed) expect((s.attrs["mlflow.chat.tokenUsage"] as { total_tokens: number } | undefined)?.total_tokens ?? 0).toBeGreaterThan(0);
}

/**
 * Reads every trace of a scenario run back from MLflow and checks it: the
 * same expectations for every runtime, except where spans cannot follow
 * `await` (browsers), where a span started after an `await` without a parent
 * must start its own trace, never join a wrong one.
 */
export async function checkScenarios(result: ScenarioResult, read: TraceReader): Promise<void> {
  const { runtime, followsAwait } = result;

  // manual spans: retrieve nested synchronously, rank and note by explicit parent after an await
  const manual = await read(result.manual.root.traceId, 4);
  expect(manual.state).toBe("OK");
  expect(manual.tags["mlflow.traceName"]).toBe("answer");
  expect(manual.tags.runtime).toBe(runtime);
  expect(manual.metadata["mlflow.trace.session"]).toBe("edge-session");
  expect(manual.metadata["mlflow.trace.user"]).toBe("edge-user");
  const root = byRef(manual, result.manual.root);
  expect(root.name).toBe("answer");
  expect(root.parentId).toBeNull();
  expect(root.type).toBe("CHAIN");
  expect(root.inputs).toEqual({ question: "What is Kong?" });
  expect(root.outputs).toEqual({ answer: result.manual.answer, root: result.manual.root });
  expect(result.manual.answer).toBe("What is Kong? -> a,b");
  const retrieve = span(manual, "retrieve");
  const rank = span(manual, "rank");
  const note = span(manual, "note");
  expect([retrieve.parentId, rank.parentId, note.parentId]).toEqual([root.spanId, root.spanId, root.spanId]);
  expect(retrieve.type).toBe("RETRIEVER");
  expect(retrieve.inputs).toEqual({ query: "What is Kong?" });
  expect(retrieve.outputs).toEqual(["b", "a"]);
  expect(retrieve.attrs["retriever.k"]).toBe(2);
  expect(rank.outputs).toEqual(["a", "b"]);
  expect(note.outputs).toEqual({ stored: true });
  expect(BigInt(root.startNs) <= BigInt(retrieve.startNs) && BigInt(rank.endNs) <= BigInt(root.endNs)).toBe(true);

  // an error: ERROR status, exception event, the error reached the caller unchanged
  expect(result.failing.message).toBe("no document 7");
  const failing = await read(result.failing.root.traceId, 1);
  expect(failing.state).toBe("ERROR");
  const failed = byRef(failing, result.failing.root);
  expect(failed.status).toBe("STATUS_CODE_ERROR");
  expect(failed.statusMessage).toBe("no document 7");
  const exception = failed.events.find((e) => e.name === "exception");
  expect(exception?.attributes["exception.type"]).toBe("RangeError");

  // a span started after an await with no parent
  const implicit = await read(result.implicit.root.traceId, followsAwait ? 2 : 1);
  isRootOf(implicit, result.implicit.root);
  if (followsAwait) {
    expect(byRef(implicit, result.implicit.child).parentId).toBe(result.implicit.root.spanId);
  } else {
    expect(result.implicit.child.traceId).not.toBe(result.implicit.root.traceId);
    expect(implicit.spans).toHaveLength(1);
    isRootOf(await read(result.implicit.child.traceId, 1), result.implicit.child);
  }

  // non-streaming chat through Kong, nested under the traced function
  const chat = await read(result.chat.root.traceId, 2);
  expect(result.chat.content).toBe(`Echo: hello from ${runtime}`);
  expect(chat.requestPreview).toContain(`hello from ${runtime}`);
  expectChatSpan(span(chat, "chat.completions.create"), byRef(chat, result.chat.root), result.chat.content);

  // streaming chat: the span holds the reassembled message
  const stream = await read(result.stream.root.traceId, 2);
  expect(result.stream.chunks).toBeGreaterThan(1);
  const streamSpan = span(stream, "chat.completions.create");
  expectChatSpan(streamSpan, byRef(stream, result.stream.root), result.stream.content, true);
  expect(streamSpan.attrs["kong.stream.outcome"]).toBe("completed");

  // two requests interleaved in one isolate: each keeps its own spans
  const roots = new Set(result.interleaved.map((r) => r.root.traceId));
  expect(roots.size).toBe(2);
  for (const r of result.interleaved) {
    const t = await read(r.root.traceId, followsAwait ? 4 : 3);
    expect(t.tags.n).toBe(String(r.n));
    const rootSpan = byRef(t, r.root);
    expect(byRef(t, r.explicit).parentId).toBe(rootSpan.spanId);
    expect(byRef(t, r.explicit).name).toBe(`explicit-${r.n}`);
    expect(r.content).toBe(`Echo: interleaved ${r.n}`);
    expectChatSpan(span(t, "chat.completions.create"), rootSpan, r.content);
    if (followsAwait) {
      expect(byRef(t, r.implicit).parentId).toBe(rootSpan.spanId);
      expect(t.spans.map((s) => s.name).sort()).toEqual(["chat.completions.create", `explicit-${r.n}`, `implicit-${r.n}`, "request"]);
    } else {
      // never attached to a parent, least of all the other request's
      expect(roots.has(r.implicit.traceId)).toBe(false);
      isRootOf(await read(r.implicit.traceId, 1), r.implicit);
      expect(t.spans.map((s) => s.name).sort()).toEqual(["chat.completions.create", `explicit-${r.n}`, "request"]);
    }
  }
}
