import { chatBody, streamPrompt } from "./workload";

/** A recorded answer of the stand-in, replayed in-process by {@link fakeFetch}. */
export interface RecordedAnswers {
  json: { headers: Array<[string, string]>; body: string };
  sse: { headers: Array<[string, string]>; frames: string[] };
}

const DROP = new Set(["content-length", "content-encoding", "transfer-encoding", "connection", "keep-alive", "date"]);

function keep(headers: Headers): Array<[string, string]> {
  return [...headers].filter(([k]) => !DROP.has(k.toLowerCase()));
}

/** Records one non-streaming and one `chunks`-chunk streaming answer of the stand-in. */
export async function recordAnswers(baseURL: string, chunks: number): Promise<RecordedAnswers> {
  const post = (body: unknown) =>
    fetch(`${baseURL}/chat/completions`, { method: "POST", headers: { "content-type": "application/json", authorization: "Bearer sk-bench" }, body: JSON.stringify(body) });
  const a = await post(chatBody());
  const json = { headers: keep(a.headers), body: await a.text() };
  const b = await post({ model: "gpt-4o", messages: [{ role: "user", content: streamPrompt(chunks) }], stream: true });
  const text = await b.text();
  const frames = text.split(/(?<=\n\n)/).filter((f) => f.trim() !== "");
  return { json, sse: { headers: keep(b.headers), frames } };
}

/**
 * A `fetch` that answers every call in-process with the recorded answer
 * (streams: one body chunk per SSE frame), so a run measures the client
 * and the tracer alone: no sockets, no stand-in.
 */
export function fakeFetch(answers: RecordedAnswers): typeof fetch {
  const enc = new TextEncoder();
  const jsonBytes = enc.encode(answers.json.body);
  const frames = answers.sse.frames.map((f) => enc.encode(f));
  return (async (_input: RequestInfo | URL, init?: RequestInit) => {
    const body = typeof init?.body === "string" ? init.body : "";
    if (body.includes('"stream":true')) {
      let i = 0;
      const stream = new ReadableStream<Uint8Array>({
        pull(controller) {
          if (i < frames.length) controller.enqueue(frames[i++]!);
          else controller.close();
        },
      });
      return new Response(stream, { status: 200, headers: answers.sse.headers });
    }
    return new Response(jsonBytes, { status: 200, headers: answers.json.headers });
  }) as typeof fetch;
}
