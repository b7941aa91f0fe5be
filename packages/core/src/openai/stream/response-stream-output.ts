/**
 * The output of a Responses API stream: the `response` of its terminal
 * event (`response.completed`, `.incomplete` or `.failed`), or, when the
 * stream stopped before one, what its text deltas add up to.
 */
export function responseStreamOutput(events: readonly unknown[]): Record<string, unknown> {
  let last: Record<string, unknown> | undefined;
  let text = "";
  for (const raw of events) {
    if (!raw || typeof raw !== "object") continue;
    const event = raw as Record<string, unknown>;
    if (event.type === "response.output_text.delta" && typeof event.delta === "string") text += event.delta;
    if (event.response && typeof event.response === "object") last = event.response as Record<string, unknown>;
  }
  const status = last?.status;
  if (status === "completed" || status === "incomplete" || status === "failed") return last!;
  return { ...(last ?? { object: "response" }), status: status ?? "incomplete", output_text: text };
}
