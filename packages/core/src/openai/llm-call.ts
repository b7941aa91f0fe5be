import { failSpan } from "../api/run-in-span";
import { GATEWAY_RECORD_KEY, type GatewayRecord, gatewayHeaders } from "../gateway/gateway-record";
import type { HeadersLike } from "../gateway/headers-like";
import { nowMs } from "../tracing/clock";
import type { LiveSpan } from "../tracing/span";
import type { Operation } from "./operations";
import { responseAttributes } from "./call-attributes";
import { choicesStreamOutput } from "./stream/choices-stream-output";
import { responseStreamOutput } from "./stream/response-stream-output";

/** How a stream ended. */
export type StreamOutcome = "completed" | "cancelled" | "aborted" | "error";

/** What an HTTP response (or an SDK error made from one) tells: its status and headers. */
interface ResponseLike {
  status?: unknown;
  headers?: HeadersLike;
}

/**
 * One traced OpenAI call: its span, what the HTTP layer saw, and the one
 * place that ends the span. Every end path goes through `#finish`, and only
 * the first one counts. @internal
 */
export class LlmCall {
  readonly #span: LiveSpan;
  readonly #op: Operation;
  #attempts = 0;
  #headersSeen = false;
  #record: GatewayRecord = { headers: {} };
  #errorBody: Promise<string | undefined> | undefined;
  #firstChunkMs: number | undefined;
  readonly #chunks: unknown[] = [];
  #done = false;

  /**
   * @param traceparent The W3C header naming the span, which the fetch hook
   * adds to each attempt; undefined when switched off.
   */
  constructor(
    span: LiveSpan,
    op: Operation,
    readonly traceparent?: string,
  ) {
    this.#span = span;
    this.#op = op;
  }

  /**
   * The fetch hook saw the response of an HTTP attempt (headers only; with a
   * copy of its body when it is an error). Each attempt's signals replace the
   * last one's.
   */
  onAttempt(response: ResponseLike, errorBody?: Promise<string | undefined>): void {
    this.#attempts++;
    this.#errorBody = errorBody;
    this.#headersSeen = false;
    this.onResponse(response);
  }

  /** The SDK's result gave the response: records its signals if no attempt did (a client without a patchable fetch). */
  onResponse(response: ResponseLike): void {
    if (this.#headersSeen || this.#done) return;
    this.#headersSeen = true;
    this.#signals(response);
  }

  /** A non-streaming call returned its parsed body. */
  end(data: unknown): void {
    this.#finish(() => this.#output(data, this.#op.kind === "embedding" ? summarizeEmbeddings(data) : data));
  }

  /** The response arrived but nobody read its body (`.asResponse()` only). */
  endUnread(): void {
    this.#finish(() => void this.#span.setAttribute("kong.outputs_unread", true));
  }

  /** The call failed: HTTP error after retries, connection error, abort. */
  fail(error: unknown): void {
    this.#finish(
      () => {
        const span = this.#span;
        const { status, headers } = Object(error) as ResponseLike;
        this.#signals({ status, headers: this.#headersSeen ? undefined : headers });
        if (typeof status !== "number") return;
        // the error's source is read from its body and the gateway's headers at export (ADR 0010)
        const source = (body?: string) => span.setAttribute(GATEWAY_RECORD_KEY, { ...this.#record, errorBody: body ?? null });
        const body = this.#errorBody;
        if (!body) return void source();
        // The body copy may never finish (a stalled connection): wait for it a second at most.
        Promise.race([body, timeout(1000)]).then((text) => {
          try {
            source(text);
          } finally {
            failSpan(span, error);
          }
        });
        return true;
      },
      true,
      error,
    );
  }

  /** A stream item arrived. Kept cheap: one push, one time check. */
  onChunk(item: unknown): void {
    this.#firstChunkMs ??= nowMs();
    this.#chunks.push(item);
  }

  /** The stream ended; `error` is set for an error mid-stream. */
  endStream(outcome: StreamOutcome, error?: unknown): void {
    this.#finish(
      () => {
        const span = this.#span;
        const chunks = this.#chunks;
        const kind = this.#op.kind;
        this.#output(kind === "chat" || kind === "completion" ? choicesStreamOutput(chunks, kind === "chat") : responseStreamOutput(chunks));
        span.setAttributes({ "kong.stream.chunks": chunks.length, "kong.stream.outcome": outcome });
        if (this.#firstChunkMs !== undefined) span.setAttribute("gen_ai.response.time_to_first_chunk", (this.#firstChunkMs - span.startTimeMs) / 1000);
      },
      outcome === "error",
      error,
    );
  }

  /**
   * Records the status of an HTTP response, and its gateway headers for the
   * exporter to read the gateway's signals from (ADR 0010).
   */
  #signals({ status, headers }: ResponseLike): void {
    const span = this.#span;
    if (headers) span.setAttribute(GATEWAY_RECORD_KEY, (this.#record = { headers: gatewayHeaders(headers) }));
    if (typeof status === "number") span.setAttribute("http.response.status_code", status);
  }

  /** Records what the response body says as attributes, and the call's outputs (the body itself by default). */
  #output(body: unknown, outputs = body): void {
    this.#span.setAttributes(responseAttributes(body));
    this.#span.setOutputs(outputs);
  }

  /**
   * Ends the span once: records the attempts and what `record` adds (a
   * failure there still ends the span), then ends it (ERROR with `error` when `failed`); unless
   * `record` returns true: it ends the span itself, later.
   */
  #finish(record: () => boolean | void, failed?: boolean, error?: unknown): void {
    if (this.#done) return;
    this.#done = true;
    let later: boolean | void = false;
    try {
      if (this.#attempts) this.#span.setAttribute("kong.attempts", this.#attempts);
      later = record();
    } catch {
      // keep going: the span must end
    }
    // Ends the span OK, or ERROR with `error` when `failed`.
    if (later) return;
    if (failed) failSpan(this.#span, error);
    else this.#span.end();
  }
}

function summarizeEmbeddings(data: unknown): unknown {
  const items = (data as { data?: unknown } | undefined)?.data;
  if (!Array.isArray(items)) return data;
  return {
    ...(data as object),
    data: items.map(({ object, index, embedding }) => ({
      object,
      index,
      dimensions: Array.isArray(embedding) ? embedding.length : typeof embedding === "string" ? "base64" : undefined,
    })),
  };
}

/** Resolves to undefined after `ms`; its timer does not keep a Node process alive. */
function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => (setTimeout(resolve, ms) as { unref?: () => void }).unref?.());
}
