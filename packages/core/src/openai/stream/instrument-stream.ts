import type { LlmCall, StreamOutcome } from "../llm-call";

interface StreamLike {
  iterator: () => AsyncIterator<unknown>;
  controller?: AbortController;
}

/** True for the SDK's `Stream` (anything with an `iterator` factory). @internal */
export function isStreamLike(value: unknown): value is StreamLike {
  return typeof (value as StreamLike | undefined)?.iterator === "function";
}

/**
 * Instruments a `Stream` in place: its `iterator` factory (which `for await`,
 * `tee()` and `toReadableStream()` all go through) now reports each item to
 * the call and ends the span exactly once: when the stream is done, when the
 * consumer stops early (`break` → `return()`), or when it throws mid-stream
 * (ERROR, partial output kept, the same error rethrown). The object, its
 * class, `controller` and every method stay what the SDK made. @internal
 */
export function instrumentStream(stream: StreamLike, call: LlmCall): void {
  const original = stream.iterator;
  const endedHow = (quietly: StreamOutcome) => (stream.controller?.signal.aborted ? "aborted" : quietly);
  // Made once per stream, not per item: each item costs one `then` and one push.
  const onResult = (result: IteratorResult<unknown>) => {
    if (result.done) call.endStream(endedHow("completed"));
    else call.onChunk(result.value);
    return result;
  };
  const onError = (error: unknown) => {
    // The SDK ends a stream aborted by its controller quietly, so a rejection is always a failure.
    call.endStream("error", error);
    throw error;
  };
  stream.iterator = function (this: unknown) {
    const inner = original.call(this);
    const wrapped: AsyncIterator<unknown> & AsyncIterable<unknown> = {
      next: (...args: [] | [unknown]) => inner.next(...args).then(onResult, onError),
      return(value?: unknown) {
        call.endStream(endedHow("cancelled"));
        return inner.return?.(value) ?? Promise.resolve({ done: true as const, value });
      },
      throw(error?: unknown) {
        call.endStream("error", error);
        return inner.throw?.(error) ?? Promise.reject(error);
      },
      [Symbol.asyncIterator]: () => wrapped,
    };
    return wrapped;
  };
}
