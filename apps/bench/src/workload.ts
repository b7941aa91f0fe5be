import type OpenAI from "openai";
import type { CallsBlock, StreamsBlock } from "./protocol";
import type { Variant } from "./variants";

/** The non-streaming request every variant sends: a short chat, as an app builds it per request. */
export function chatBody() {
  return {
    model: "gpt-4o",
    messages: [
      { role: "system" as const, content: "You are a terse assistant." },
      { role: "user" as const, content: "Say hello to the benchmark, please." },
    ],
  };
}

/**
 * A prompt that makes the stand-in stream exactly `chunks` chunks: it echoes
 * `"Echo: <prompt>"` one word per chunk, after a role chunk and before a
 * finish chunk, so `chunks - 3` words.
 */
export function streamPrompt(chunks: number): string {
  const words = Math.max(1, chunks - 3);
  return Array.from({ length: words }, (_, i) => `w${i % 100}`).join(" ");
}

let sink = 0;

async function oneCall(client: OpenAI): Promise<void> {
  const res = await client.chat.completions.create(chatBody());
  sink += res.choices[0]?.message.content?.length ?? 0;
}

async function oneStream(client: OpenAI, prompt: string, t0: number): Promise<{ ttft: number; count: number }> {
  const stream = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: prompt }], stream: true });
  let ttft = -1;
  let count = 0;
  for await (const chunk of stream) {
    if (ttft < 0) ttft = performance.now() - t0;
    count++;
    sink += chunk.choices[0]?.delta?.content?.length ?? 0;
  }
  return { ttft, count };
}

const cpuNow = () => {
  const c = process.cpuUsage();
  return c.user + c.system;
};

/**
 * Runs `n` calls one after another and flushes the tracer, measuring each
 * call's wall time and the whole process's CPU over the block, flush included.
 */
export async function callsBlock(variant: Variant, n: number): Promise<CallsBlock> {
  const wallUs = new Array<number>(n);
  const cpu0 = cpuNow();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await oneCall(variant.client);
    wallUs[i] = (performance.now() - t) * 1000;
  }
  const f = performance.now();
  await variant.flush();
  const flushUs = (performance.now() - f) * 1000;
  return { kind: "calls", n, wallUs, cpuUs: cpuNow() - cpu0, flushUs };
}

/** Runs `n` streams of `chunks` chunks one after another, then flushes; as {@link callsBlock}. */
export async function streamsBlock(variant: Variant, n: number, chunks: number): Promise<StreamsBlock> {
  const prompt = streamPrompt(chunks);
  const ttftUs = new Array<number>(n);
  const totalUs = new Array<number>(n);
  const cpu0 = cpuNow();
  for (let i = 0; i < n; i++) {
    const t0 = performance.now();
    const { ttft, count } = await oneStream(variant.client, prompt, t0);
    totalUs[i] = (performance.now() - t0) * 1000;
    ttftUs[i] = ttft * 1000;
    if (count !== chunks) throw new Error(`expected a ${chunks}-chunk stream, got ${count} chunks`);
  }
  const f = performance.now();
  await variant.flush();
  const flushUs = (performance.now() - f) * 1000;
  return { kind: "streams", n, chunks, ttftUs, totalUs, cpuUs: cpuNow() - cpu0, flushUs };
}

/** Keeps the consumed output observable, so no call can be optimised away. */
export function consumed(): number {
  return sink;
}
