import type { LlmAttributes } from "../gateway/signal-keys";
import { toTokenUsage } from "./usage";

/**
 * What a response body says, as span attributes: token usage (MLflow's and
 * the gen_ai names), the response id and model, and finish reasons (a
 * Responses API response's status). @internal
 */
export function responseAttributes(data: unknown): LlmAttributes {
  const attributes: LlmAttributes = {};
  const d = Object(data);
  const usage = toTokenUsage(d.usage);
  if (usage) {
    attributes["mlflow.chat.tokenUsage"] = usage;
    attributes["gen_ai.usage.input_tokens"] = usage.input_tokens;
    attributes["gen_ai.usage.output_tokens"] = usage.output_tokens;
  }
  if (typeof d.id === "string") attributes["gen_ai.response.id"] = d.id;
  if (typeof d.model === "string") attributes["gen_ai.response.model"] = attributes["mlflow.llm.model"] = d.model;
  const reasons = (Array.isArray(d.choices) ? d.choices.map((c: { finish_reason?: unknown } | null) => c?.finish_reason) : d.object === "response" ? [d.status] : []).filter(
    (r: unknown) => typeof r === "string",
  );
  if (reasons.length) attributes["gen_ai.response.finish_reasons"] = reasons;
  return attributes;
}
