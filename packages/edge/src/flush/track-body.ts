/**
 * The response to send, with a body that reports when it was fully read or
 * cancelled, and a promise of that end, so work can wait for a streamed body
 * (whose spans end as it is read) to finish. A response without a body, a
 * WebSocket upgrade, or one whose body cannot be followed is returned as it
 * is, its end already there. Never throws.
 */
export function trackBody(response: Response): [Response, Promise<void>] {
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  try {
    const body = response.body;
    if (body && response.status !== 101 && !(response as { webSocket?: unknown }).webSocket) {
      const reader = body.getReader();
      const tracked = new ReadableStream<Uint8Array>({
        async pull(controller) {
          try {
            const chunk = await reader.read();
            if (chunk.done) {
              controller.close();
              finish();
            } else {
              controller.enqueue(chunk.value);
            }
          } catch (error) {
            controller.error(error);
            finish();
          }
        },
        cancel(reason) {
          finish();
          return reader.cancel(reason);
        },
      });
      return [new Response(tracked, response), done];
    }
  } catch {
    // the response goes out untracked
  }
  finish();
  return [response, done];
}
