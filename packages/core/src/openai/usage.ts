import type { TokenUsage } from "../export/token-usage";

/**
 * MLflow's token usage from any OpenAI usage object: chat and completions
 * (`prompt_tokens` / `completion_tokens`), Responses (`input_tokens` /
 * `output_tokens`) and embeddings (`prompt_tokens` only). Cached prompt
 * tokens become `cache_read_input_tokens`.
 */
export function toTokenUsage(usage: unknown): (TokenUsage & { cache_read_input_tokens?: number }) | undefined {
  const u = Object(usage);
  const input = u.prompt_tokens ?? u.input_tokens;
  if (typeof input !== "number") return undefined;
  const output = u.completion_tokens ?? u.output_tokens ?? 0;
  const result: TokenUsage & { cache_read_input_tokens?: number } = {
    input_tokens: input,
    output_tokens: output,
    total_tokens: typeof u.total_tokens === "number" ? u.total_tokens : input + output,
  };
  const cached = (u.prompt_tokens_details ?? u.input_tokens_details)?.cached_tokens;
  if (typeof cached === "number" && cached > 0) result.cache_read_input_tokens = cached;
  return result;
}
