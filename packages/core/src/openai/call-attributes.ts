import type { TokenUsage } from "../export/token-usage";
import type { LlmAttributes } from "../gateway/signal-keys";
import type { Operation } from "./operations";

/** Attributes known before the call is sent: the requested model, tools, format. @internal */
export function requestAttributes(op: Operation, body: Record<string, unknown> | undefined): LlmAttributes {
  const attributes: LlmAttributes = { "gen_ai.operation.name": op.genAiName };
  if (op.kind !== "embedding") attributes["mlflow.message.format"] = "openai";
  if (typeof body?.model === "string") attributes["gen_ai.request.model"] = body.model;
  if (Array.isArray(body?.tools) && body.tools.length > 0) attributes["mlflow.chat.tools"] = body.tools;
  return attributes;
}

/**
 * What a response body says, as span attributes: the response id and model,
 * finish reasons (a Responses API response's status), and token usage, as
 * MLflow's `mlflow.chat.tokenUsage` and the gen_ai names, from any OpenAI
 * usage object: chat and completions (`prompt_tokens` /
 * `completion_tokens`), Responses (`input_tokens` / `output_tokens`) and
 * embeddings (`prompt_tokens` only). Cached prompt tokens become
 * `cache_read_input_tokens`. @internal
 */
export function responseAttributes(data: unknown): LlmAttributes {
  const attributes: LlmAttributes = {};
  const d = Object(data);
  const u = Object(d.usage);
  const input = u.prompt_tokens ?? u.input_tokens;
  if (typeof input === "number") {
    const output = u.completion_tokens ?? u.output_tokens ?? 0;
    const usage: TokenUsage & { cache_read_input_tokens?: number } = {
      input_tokens: input,
      output_tokens: output,
      total_tokens: typeof u.total_tokens === "number" ? u.total_tokens : input + output,
    };
    const cached = (u.prompt_tokens_details ?? u.input_tokens_details)?.cached_tokens;
    if (typeof cached === "number" && cached > 0) usage.cache_read_input_tokens = cached;
    attributes["mlflow.chat.tokenUsage"] = usage;
    attributes["gen_ai.usage.input_tokens"] = input;
    attributes["gen_ai.usage.output_tokens"] = output;
  }
  if (typeof d.id === "string") attributes["gen_ai.response.id"] = d.id;
  if (typeof d.model === "string") attributes["gen_ai.response.model"] = attributes["mlflow.llm.model"] = d.model;
  const reasons = (Array.isArray(d.choices) ? d.choices.map((c: { finish_reason?: unknown } | null) => c?.finish_reason) : d.object === "response" ? [d.status] : []).filter(
    (r: unknown) => typeof r === "string",
  );
  if (reasons.length) attributes["gen_ai.response.finish_reasons"] = reasons;
  return attributes;
}
