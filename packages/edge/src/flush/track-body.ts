/**
 * The same response with a body that reports when it was fully read or
 * cancelled, so work can wait for a streamed body (whose spans end as it is
 * read) to finish. Responses without a body, and WebSocket upgrades, are
 * returned as they are with `done` already resolved.
 */
export function trackBody(response: Response): { response: Response; done: Promise<void> } {
  if (!response.body || response.status === 101 || (response as { webSocket?: unknown }).webSocket) return { response, done: Promise.resolve() };
  let finish!: () => void;
  const done = new Promise<void>((resolve) => {
    finish = resolve;
  });
  const reader = response.body.getReader();
  const body = new ReadableStream<Uint8Array>({
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
  return { response: new Response(body, response), done };
}
