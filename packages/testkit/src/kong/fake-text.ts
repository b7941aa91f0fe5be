/**
 * Deterministic "tokenisation" used by the fake upstream: one token per
 * whitespace-separated word.
 */
export function countTokens(text: string): number {
  const trimmed = text.trim();
  return trimmed === "" ? 0 : trimmed.split(/\s+/).length;
}

/**
 * Splits text into the pieces a stream sends, one per token: the first word,
 * then each following word with its leading space (`"Echo: hi there"` →
 * `["Echo:", " hi", " there"]`). Joining the pieces gives the text back
 * (with runs of whitespace collapsed to one space).
 */
export function tokenPieces(text: string): string[] {
  const words = text.trim().split(/\s+/).filter((w) => w !== "");
  return words.map((word, i) => (i === 0 ? word : ` ${word}`));
}

/** Cuts a string into slices of at most `size` characters (at least one slice). */
export function sliceString(text: string, size: number): string[] {
  if (text === "") return [""];
  const out: string[] = [];
  for (let i = 0; i < text.length; i += size) out.push(text.slice(i, i + size));
  return out;
}

/**
 * The text of an OpenAI message `content`: a string as is, an array of parts
 * as the `text` of its text parts joined by a space, anything else as `""`.
 */
export function textOfContent(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part: unknown) => {
        if (typeof part === "string") return part;
        if (part && typeof part === "object" && typeof (part as { text?: unknown }).text === "string") {
          return (part as { text: string }).text;
        }
        return "";
      })
      .filter((t) => t !== "")
      .join(" ");
  }
  return "";
}
