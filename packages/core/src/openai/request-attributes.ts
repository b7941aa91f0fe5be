import type { LlmAttributes } from "../gateway/signal-keys";
import type { Operation } from "./operations";

/** Attributes known before the call is sent: the requested model, tools, format. @internal */
export function requestAttributes(op: Operation, body: Record<string, unknown> | undefined): LlmAttributes {
  const attributes: LlmAttributes = { "gen_ai.operation.name": op.genAiName };
  if (op.kind !== "embedding") attributes["mlflow.message.format"] = "openai";
  if (!body) return attributes;
  if (typeof body.model === "string") attributes["gen_ai.request.model"] = body.model;
  if (Array.isArray(body.tools) && body.tools.length > 0) attributes["mlflow.chat.tools"] = body.tools;
  return attributes;
}
