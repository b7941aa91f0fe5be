import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";

/** One server-sent event: optional `event:` name and the `data:` payload. */
export interface SseFrame {
  event?: string;
  data: string;
}

/** Serialises a frame as OpenAI writes it: `[event: <name>\n]data: <data>\n\n`. */
export function formatSseFrame(frame: SseFrame): string {
  return `${frame.event !== undefined ? `event: ${frame.event}\n` : ""}data: ${frame.data}\n\n`;
}

/** The malformed frame `stream-garbage` injects: truncated JSON, not parseable. */
export const GARBAGE_FRAME = 'data: {"choices":[{"delta":{"content":"trunc\n\n';

/** How {@link writeSseStream} paces and breaks a stream. */
export interface SseWriteOptions {
  /** Delay in ms before every frame after the first (and before `[DONE]`). */
  delayMs: number;
  /** Destroy the connection after this many frames (no `[DONE]`). */
  cutAfter?: number;
  /** Write {@link GARBAGE_FRAME} after this many frames, then carry on. */
  garbageAfter?: number;
}

/**
 * Writes frames on a response whose head was already written, one `write`
 * per frame (each flushed before the next), ending with `data: [DONE]\n\n`.
 * Stops quietly if the client goes away.
 */
export async function writeSseStream(res: ServerResponse, frames: SseFrame[], options: SseWriteOptions): Promise<void> {
  const all: Array<SseFrame | "done"> = [...frames, "done"];
  for (let i = 0; i < all.length; i++) {
    if (res.destroyed) return;
    if (i > 0 && options.delayMs > 0) await sleep(options.delayMs);
    if (res.destroyed) return;
    if (options.cutAfter !== undefined && i === options.cutAfter) {
      res.socket?.destroy();
      res.destroy();
      return;
    }
    if (options.garbageAfter !== undefined && i === options.garbageAfter) await write(res, GARBAGE_FRAME);
    const frame = all[i] as SseFrame | "done";
    await write(res, frame === "done" ? "data: [DONE]\n\n" : formatSseFrame(frame));
  }
  res.end();
}

/** Writes and waits until the data is handed to the socket, so a later destroy cannot drop it. */
function write(res: ServerResponse, data: string): Promise<void> {
  return new Promise((resolve) => {
    res.write(data, () => resolve());
  });
}
