import { GenAiAttributeKey as G } from "../gateway/signal-keys";
import { SpanAttributeKey } from "../tracing/attribute-keys";
import type { LiveSpan } from "../tracing/span";
import { toTokenUsage } from "./usage";

/**
 * Records what the response body says: token usage (MLflow's and the
 * gen_ai names), the response id and model, and finish reasons. @internal
 */
export function recordResponseAttributes(span: LiveSpan, data: unknown): void {
  if (!data || typeof data !== "object") return;
  const d = data as Record<string, unknown>;
  const usage = toTokenUsage(d.usage);
  if (usage) {
    span.setAttribute(SpanAttributeKey.TOKEN_USAGE, usage);
    span.setAttribute(G.INPUT_TOKENS, usage.input_tokens);
    span.setAttribute(G.OUTPUT_TOKENS, usage.output_tokens);
  }
  if (typeof d.id === "string") span.setAttribute(G.RESPONSE_ID, d.id);
  if (typeof d.model === "string") {
    span.setAttribute(G.RESPONSE_MODEL, d.model);
    span.setAttribute(SpanAttributeKey.MODEL, d.model);
  }
  if (Array.isArray(d.choices)) {
    const reasons = d.choices.map((c) => (c as { finish_reason?: unknown }).finish_reason).filter((r): r is string => typeof r === "string");
    if (reasons.length) span.setAttribute(G.FINISH_REASONS, reasons);
  } else if (typeof d.status === "string" && d.object === "response") {
    span.setAttribute(G.FINISH_REASONS, [d.status]);
  }
}
