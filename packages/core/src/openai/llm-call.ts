import { failSpan } from "../api/run-in-span";
import { errorSourceAttributes } from "../gateway/error-source";
import { gatewaySignals } from "../gateway/gateway-signals";
import type { HeadersLike } from "../gateway/headers-like";
import { GatewayAttributeKey as K, GenAiAttributeKey as G } from "../gateway/signal-keys";
import { nowMs } from "../tracing/clock";
import type { LiveSpan } from "../tracing/span";
import type { Operation } from "./operations";
import { recordResponseAttributes } from "./response-attributes";
import { chatStreamOutput } from "./stream/chat-stream-output";
import { completionStreamOutput } from "./stream/completion-stream-output";
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
  private status: number | undefined;
  private errorBody: Promise<string | undefined> | undefined;
  private firstChunkMs: number | undefined;
  private readonly chunks: unknown[] = [];
  private done = false;

  constructor(
    readonly span: LiveSpan,
    readonly op: Operation,
    private readonly requestedModel: string | undefined,
    private readonly startedMs: number,
  ) {}

  /** The HTTP response of an attempt arrived (headers only). */
  onHttpResponse(status: number, headers: HeadersLike, errorBody?: Promise<string | undefined>): void {
    this.status = status;
    this.headersSeen = true;
    this.errorBody = errorBody;
    if (this.done) return;
    this.span.setAttributes(gatewaySignals(headers, this.requestedModel));
    this.span.setAttribute(G.HTTP_STATUS, status);
  }

  /** Records headers when the HTTP hook did not see them (a client without a patchable fetch). */
  onResponseHeaders(status: number, headers: HeadersLike): void {
    if (!this.headersSeen) this.onHttpResponse(status, headers);
  }

  /** A non-streaming call returned its parsed body. */
  finishWithData(data: unknown): void {
    if (this.done) return;
    this.done = true;
    try {
      this.recordAttempts();
      recordResponseAttributes(this.span, data);
      this.span.setOutputs(this.op.kind === "embedding" ? summarizeEmbeddings(data) : data);
      this.span.end();
    } catch {
      this.span.end();
    }
  }

  /** The response arrived but nobody read its body (`.asResponse()` only). */
  finishUnread(): void {
    if (this.done) return;
    this.done = true;
    this.recordAttempts();
    this.span.setAttribute("kong.outputs_unread", true);
    this.span.end();
  }

  /** The call failed: HTTP error after retries, connection error, abort. */
  finishWithError(error: unknown): void {
    if (this.done) return;
    this.done = true;
    this.recordAttempts();
    const status = (error as { status?: unknown })?.status;
    const headers = (error as { headers?: HeadersLike })?.headers;
    if (headers && !this.headersSeen) this.span.setAttributes(gatewaySignals(headers, this.requestedModel));
    if (typeof status === "number") this.span.setAttribute(G.HTTP_STATUS, status);
    const finish = (body: string | undefined) => {
      try {
        if (typeof status === "number") this.span.setAttributes(errorSourceAttributes(body, this.span.attributes[K.PROXIED] as boolean | undefined));
      } finally {
        failSpan(this.span, error);
      }
    };
    if (this.errorBody) void withTimeout(this.errorBody, 1000).then(finish);
    else finish(undefined);
  }

  /** A stream item arrived. Kept cheap: one push, one time check. */
  onChunk(item: unknown): void {
    if (this.firstChunkMs === undefined) this.firstChunkMs = nowMs();
    this.chunks.push(item);
  }

  /** The stream ended; `error` is set for an error mid-stream. */
  finishStream(outcome: StreamOutcome, error?: unknown): void {
    if (this.done) return;
    this.done = true;
    try {
      this.recordAttempts();
      const output =
        this.op.kind === "chat" ? chatStreamOutput(this.chunks) : this.op.kind === "completion" ? completionStreamOutput(this.chunks) : responseStreamOutput(this.chunks);
      recordResponseAttributes(this.span, output);
      this.span.setOutputs(output);
      this.span.setAttribute("kong.stream.chunks", this.chunks.length);
      this.span.setAttribute("kong.stream.outcome", outcome);
      if (this.firstChunkMs !== undefined) this.span.setAttribute(G.TIME_TO_FIRST_CHUNK_S, (this.firstChunkMs - this.startedMs) / 1000);
    } catch {
      // keep going: the span must end
    }
    if (outcome === "error") failSpan(this.span, error);
    else this.span.end();
  }

  private recordAttempts(): void {
    if (this.attempts > 0) this.span.setAttribute(K.ATTEMPTS, this.attempts);
  }

  /** The HTTP status seen, if any. */
  get httpStatus(): number | undefined {
    return this.status;
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

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(undefined), ms) as { unref?: () => void };
    timer.unref?.();
    promise.then(
      (v) => {
        clearTimeout(timer as ReturnType<typeof setTimeout>);
        resolve(v);
      },
      () => resolve(undefined),
    );
  });
}
