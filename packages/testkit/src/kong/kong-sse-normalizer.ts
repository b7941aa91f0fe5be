import { StringDecoder } from "node:string_decoder";

/**
 * The single frame Kong sends when a streamed 200 is not an event stream
 * (`normalize-sse-chunk.lua` `ERROR__NOT_SET`). Kong writes it without a
 * trailing newline and ends the response.
 */
export const KONG_SSE_TRANSFORMER_ERROR = 'data: {"error": true, "message": "empty or unsupported transformer response"}';

/**
 * Re-frames an upstream OpenAI event stream the way ai-proxy does for the
 * openai provider (`parse-sse-chunk` + `normalize-sse-chunk`): each complete
 * event is re-emitted as `data: <data>\n\n` with its payload untouched (even
 * when it is not JSON); `event:` and `id:` lines, comments and events without
 * data are dropped; `[DONE]` becomes `data: [DONE]`, without `\n\n` when
 * `doneWithoutTrailingNewline`. Events cut across upstream chunks are held
 * until complete, and each upstream chunk yields at most one output write, so
 * output chunking follows the upstream's.
 */
export class KongSseNormalizer {
  readonly #decoder = new StringDecoder("utf8");
  #buffer = "";

  constructor(readonly doneWithoutTrailingNewline: boolean) {}

  /** Feeds one upstream chunk; returns what Kong writes for it (maybe `""`). */
  push(chunk: Buffer | string): string {
    this.#buffer += typeof chunk === "string" ? chunk : this.#decoder.write(chunk);
    this.#buffer = this.#buffer.replace(/\r\n/g, "\n");
    let out = "";
    for (;;) {
      const end = this.#buffer.indexOf("\n\n");
      if (end < 0) break;
      const block = this.#buffer.slice(0, end);
      this.#buffer = this.#buffer.slice(end + 2);
      out += this.#frame(block);
    }
    return out;
  }

  #frame(block: string): string {
    let data: string | undefined;
    for (const line of block.split("\n")) {
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      // Kong keeps the last data line of an event.
      if (line.slice(0, colon) === "data") data = line.slice(colon + 1).trimStart();
    }
    if (data === undefined) return "";
    if (data === "[DONE]") return this.doneWithoutTrailingNewline ? "data: [DONE]" : "data: [DONE]\n\n";
    return `data: ${data}\n\n`;
  }
}
