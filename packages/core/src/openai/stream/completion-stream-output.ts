/**
 * Rebuilds a legacy `text_completion` from its stream: text concatenated
 * per choice, the last finish reason, and usage when present.
 */
export function completionStreamOutput(chunks: readonly unknown[]): Record<string, unknown> {
  const texts = new Map<number, { text: string[]; finish: string | null }>();
  let id: unknown;
  let model: unknown;
  let created: unknown;
  let usage: unknown;
  for (const raw of chunks) {
    if (!raw || typeof raw !== "object") continue;
    const chunk = raw as Record<string, unknown>;
    id ??= chunk.id;
    created ??= chunk.created;
    if (chunk.model !== undefined) model = chunk.model;
    if (chunk.usage != null) usage = chunk.usage;
    if (!Array.isArray(chunk.choices)) continue;
    for (const c of chunk.choices as Array<Record<string, unknown>>) {
      const index = typeof c.index === "number" ? c.index : 0;
      let entry = texts.get(index);
      if (!entry) texts.set(index, (entry = { text: [], finish: null }));
      if (typeof c.text === "string") entry.text.push(c.text);
      if (typeof c.finish_reason === "string") entry.finish = c.finish_reason;
    }
  }
  const out: Record<string, unknown> = {
    id,
    object: "text_completion",
    created,
    model,
    choices: [...texts.entries()].sort(([a], [b]) => a - b).map(([index, e]) => ({ index, text: e.text.join(""), finish_reason: e.finish })),
  };
  if (usage !== undefined) out.usage = usage;
  return out;
}
