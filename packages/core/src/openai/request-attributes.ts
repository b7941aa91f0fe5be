import { GenAiAttributeKey as G } from "../gateway/signal-keys";
import { SpanAttributeKey } from "../tracing/attribute-keys";
import type { Operation } from "./operations";

/** Attributes known before the call is sent: the requested model, tools, format. @internal */
export function requestAttributes(op: Operation, body: Record<string, unknown> | undefined): Record<string, unknown> {
  const attributes: Record<string, unknown> = { [G.OPERATION_NAME]: op.genAiName };
  if (op.kind === "chat" || op.kind === "response" || op.kind === "completion") attributes[SpanAttributeKey.MESSAGE_FORMAT] = "openai";
  if (!body) return attributes;
  if (typeof body.model === "string") attributes[G.REQUEST_MODEL] = body.model;
  if (Array.isArray(body.tools) && body.tools.length > 0) attributes[SpanAttributeKey.CHAT_TOOLS] = body.tools;
  return attributes;
}
