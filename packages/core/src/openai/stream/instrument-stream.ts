import type { LlmCall, StreamOutcome } from "../llm-call";

interface StreamLike {
  iterator: () => AsyncIterator<unknown>;
  controller?: AbortController;
}

/** True for the SDK's `Stream` (anything with an `iterator` factory). @internal */
export function isStreamLike(value: unknown): value is StreamLike {
  return !!value && typeof value === "object" && typeof (value as StreamLike).iterator === "function";
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
  stream.iterator = function (this: unknown) {
    const inner = original.call(this);
    const endedHow = (quietly: StreamOutcome) => (stream.controller?.signal.aborted === true ? "aborted" : quietly);
    // Made once per iteration, not per item: each item costs one `then` and one push.
    const onResult = (result: IteratorResult<unknown>) => {
      if (result.done) call.finishStream(endedHow("completed"));
      else call.onChunk(result.value);
      return result;
    };
    const onError = (error: unknown) => {
      // The SDK ends a stream aborted by its controller quietly, so a rejection is always a failure.
      call.finishStream("error", error);
      throw error;
    };
    const wrapped: AsyncIterator<unknown> & AsyncIterable<unknown> = {
      next(...args: [] | [unknown]) {
        return inner.next(...args).then(onResult, onError);
      },
      return(value?: unknown) {
        call.finishStream(endedHow("cancelled"));
        return inner.return ? inner.return(value) : Promise.resolve({ done: true as const, value });
      },
      throw(error?: unknown) {
        call.finishStream("error", error);
        return inner.throw ? inner.throw(error) : Promise.reject(error);
      },
      [Symbol.asyncIterator]() {
        return this;
      },
    };
    return wrapped;
  };
}
