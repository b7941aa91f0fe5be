/**
 * The output of a Responses API stream: the `response` of its terminal
 * event (`response.completed`, `.incomplete` or `.failed`), or, when the
 * stream stopped before one, what its text deltas add up to.
 */
export function responseStreamOutput(events: readonly unknown[]): Record<string, unknown> {
  let last: Record<string, unknown> | undefined;
  const text: string[] = [];
  for (const raw of events) {
    if (!raw || typeof raw !== "object") continue;
    const event = raw as Record<string, unknown>;
    const type = event.type;
    if (type === "response.output_text.delta" && typeof event.delta === "string") text.push(event.delta);
    if (event.response && typeof event.response === "object") last = event.response as Record<string, unknown>;
  }
  if (last && (last.status === "completed" || last.status === "incomplete" || last.status === "failed")) return last;
  return { ...(last ?? { object: "response" }), status: last?.status ?? "incomplete", output_text: text.join("") };
}
