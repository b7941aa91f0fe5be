import type { LlmAttributes } from "../gateway/signal-keys";
import { toTokenUsage } from "./usage";

/**
 * What a response body says, as span attributes: token usage (MLflow's and
 * the gen_ai names), the response id and model, and finish reasons. @internal
 */
export function responseAttributes(data: unknown): LlmAttributes {
  const attributes: LlmAttributes = {};
  if (!data || typeof data !== "object") return attributes;
  const d = data as Record<string, unknown>;
  const usage = toTokenUsage(d.usage);
  if (usage) {
    attributes["mlflow.chat.tokenUsage"] = usage;
    attributes["gen_ai.usage.input_tokens"] = usage.input_tokens;
    attributes["gen_ai.usage.output_tokens"] = usage.output_tokens;
  }
  if (typeof d.id === "string") attributes["gen_ai.response.id"] = d.id;
  if (typeof d.model === "string") {
    attributes["gen_ai.response.model"] = d.model;
    attributes["mlflow.llm.model"] = d.model;
  }
  if (Array.isArray(d.choices)) {
    const reasons = d.choices.map((c) => (c as { finish_reason?: unknown }).finish_reason).filter((r): r is string => typeof r === "string");
    if (reasons.length) attributes["gen_ai.response.finish_reasons"] = reasons;
  } else if (typeof d.status === "string" && d.object === "response") {
    attributes["gen_ai.response.finish_reasons"] = [d.status];
  }
  return attributes;
}
