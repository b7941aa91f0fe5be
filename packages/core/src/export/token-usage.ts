import { SpanAttributeKey } from "../tracing/exporter-keys";
import type { LiveSpan } from "../tracing/span";

/** Token counts in MLflow's `mlflow.chat.tokenUsage` shape. */
export interface TokenUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
}

/**
 * Sums `mlflow.chat.tokenUsage` over a trace, as MLflow does: depth first
 * from the root, and a span whose ancestor already reported usage is not
 * counted again. Undefined when no span reported usage.
 */
export function aggregateTokenUsage(root: LiveSpan, spans: readonly LiveSpan[]): TokenUsage | undefined {
  const children = new Map<string, LiveSpan[]>();
  for (const span of spans) {
    if (span.parentId === null) continue;
    const list = children.get(span.parentId);
    if (list) list.push(span);
    else children.set(span.parentId, [span]);
  }
  const total: TokenUsage = { input_tokens: 0, output_tokens: 0, total_tokens: 0 };
  let found = false;
  const stack: LiveSpan[] = [root];
  while (stack.length) {
    const span = stack.pop()!;
    const usage = span.attributes[SpanAttributeKey.TOKEN_USAGE] as Partial<TokenUsage> | undefined;
    if (usage && typeof usage === "object") {
      found = true;
      total.input_tokens += usage.input_tokens ?? 0;
      total.output_tokens += usage.output_tokens ?? 0;
      total.total_tokens += usage.total_tokens ?? (usage.input_tokens ?? 0) + (usage.output_tokens ?? 0);
      continue;
    }
    const kids = children.get(span.spanId);
    if (kids) stack.push(...kids);
  }
  return found ? total : undefined;
}
