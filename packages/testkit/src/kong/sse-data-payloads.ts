/**
 * The `data:` payloads of an SSE body, in order (for tests). Events are split
 * on blank lines; a final event without its trailing blank line (Kong's
 * `data: [DONE]`) is included.
 */
export function sseDataPayloads(text: string): string[] {
  return text
    .replace(/\r\n/g, "\n")
    .split("\n\n")
    .flatMap((block) => {
      const data = block
        .split("\n")
        .filter((line) => line.startsWith("data:"))
        .map((line) => line.slice(5).replace(/^ /, ""));
      return data.length > 0 ? [data.join("\n")] : [];
    });
}

/** The JSON `data:` payloads of an SSE body, `[DONE]` left out. */
export function sseJsonPayloads(text: string): Array<Record<string, unknown>> {
  return sseDataPayloads(text)
    .filter((d) => d !== "[DONE]")
    .map((d) => JSON.parse(d) as Record<string, unknown>);
}
