import { failSpan } from "../api/run-in-span";
import { errorSourceAttributes } from "../gateway/error-source";
import { gatewaySignals } from "../gateway/gateway-signals";
import type { HeadersLike } from "../gateway/headers-like";
import { nowMs } from "../tracing/clock";
import type { LiveSpan } from "../tracing/span";
import type { Operation } from "./operations";
import { responseAttributes } from "./response-attributes";
import { chatStreamOutput, completionStreamOutput } from "./stream/choices-stream-output";
import { responseStreamOutput } from "./stream/response-stream-output";

/** How a stream ended. */
export type StreamOutcome = "completed" | "cancelled" | "aborted" | "error";

/**
 * One traced OpenAI call: its span, what the HTTP layer saw, and the one
 * place that ends the span. Every end path goes through `finish*`, and only
 * the first one counts. @internal
 */
export class LlmCall {
  attempts = 0;
  private headersSeen = false;
  private errorBody: Promise<string | undefined> | undefined;
  private firstChunkMs: number | undefined;
  private readonly chunks: unknown[] = [];
  private done = false;

  constructor(
    readonly span: LiveSpan,
    readonly op: Operation,
    private readonly requestedModel: string | undefined,
  ) {}

  /** The HTTP response of an attempt arrived (headers only). */
  onHttpResponse(status: number, headers: HeadersLike, errorBody?: Promise<string | undefined>): void {
    this.headersSeen = true;
    this.errorBody = errorBody;
    if (this.done) return;
    this.span.setAttributes(gatewaySignals(headers, this.requestedModel));
    this.span.setAttribute("http.response.status_code", status);
  }

  /** Records headers when the HTTP hook did not see them (a client without a patchable fetch). */
  onResponseHeaders(status: number, headers: HeadersLike): void {
    if (!this.headersSeen) this.onHttpResponse(status, headers);
  }

  /** A non-streaming call returned its parsed body. */
  finishWithData(data: unknown): void {
    this.finish(() => {
      this.span.setAttributes(responseAttributes(data));
      this.span.setOutputs(this.op.kind === "embedding" ? summarizeEmbeddings(data) : data);
    });
  }

  /** The response arrived but nobody read its body (`.asResponse()` only). */
  finishUnread(): void {
    this.finish(() => this.span.setAttribute("kong.outputs_unread", true));
  }

  /** The call failed: HTTP error after retries, connection error, abort. */
  finishWithError(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.recordAttempts();
    const status = (error as { status?: unknown })?.status;
    const headers = (error as { headers?: HeadersLike })?.headers;
    if (headers && !this.headersSeen) this.span.setAttributes(gatewaySignals(headers, this.requestedModel));
    if (typeof status === "number") this.span.setAttribute("http.response.status_code", status);
    const finish = (body: string | undefined) => {
      try {
        if (typeof status === "number") this.span.setAttributes(errorSourceAttributes(body, this.span.attributes["kong.proxied"] as boolean | undefined));
      } finally {
        failSpan(this.span, error);
      }
    };
    // The body copy may never finish (a stalled connection): wait for it a second at most.
    if (this.errorBody) void Promise.race([this.errorBody, timeout(1000)]).then(finish);
    else finish(undefined);
  }

  /** A stream item arrived. Kept cheap: one push, one time check. */
  onChunk(item: unknown): void {
    if (this.firstChunkMs === undefined) this.firstChunkMs = nowMs();
    this.chunks.push(item);
  }

  /** The stream ended; `error` is set for an error mid-stream. */
  finishStream(outcome: StreamOutcome, error?: unknown): void {
    this.finish(() => {
      const chunks = this.chunks;
      const kind = this.op.kind;
      const output = kind === "chat" ? chatStreamOutput(chunks) : kind === "completion" ? completionStreamOutput(chunks) : responseStreamOutput(chunks);
      this.span.setAttributes(responseAttributes(output));
      this.span.setOutputs(output);
      this.span.setAttribute("kong.stream.chunks", chunks.length);
      this.span.setAttribute("kong.stream.outcome", outcome);
      if (this.firstChunkMs !== undefined) this.span.setAttribute("gen_ai.response.time_to_first_chunk", (this.firstChunkMs - this.span.startTimeMs) / 1000);
    }, outcome === "error" ? { error } : undefined);
  }

  /**
   * Ends the span once: records the attempts and what `record` adds (a
   * failure there still ends the span), then ends it OK, or ERROR when
   * given a `failure`.
   */
  private finish(record: () => void, failure?: { error: unknown }): void {
    if (this.done) return;
    this.done = true;
    try {
      this.recordAttempts();
      record();
    } catch {
      // keep going: the span must end
    }
    if (failure) failSpan(this.span, failure.error);
    else this.span.end();
  }

  private recordAttempts(): void {
    if (this.attempts > 0) this.span.setAttribute("kong.attempts", this.attempts);
  }
}

function summarizeEmbeddings(data: unknown): unknown {
  if (!data || typeof data !== "object" || !Array.isArray((data as { data?: unknown }).data)) return data;
  const d = data as { data: Array<{ index?: number; embedding?: unknown; object?: string }> };
  return {
    ...d,
    data: d.data.map((e) => ({
      object: e.object,
      index: e.index,
      dimensions: Array.isArray(e.embedding) ? e.embedding.length : typeof e.embedding === "string" ? "base64" : undefined,
    })),
  };
}

/** Resolves to undefined after `ms`; its timer does not keep a Node process alive. */
function timeout(ms: number): Promise<undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms, undefined) as { unref?: () => void };
    timer.unref?.();
  });
}
