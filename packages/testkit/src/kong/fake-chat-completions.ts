import { planReply, readChatMessages } from "./fake-conversation";
import { toDatedModel } from "./dated-model";
import { randomId } from "./fake-ids";
import { sliceString } from "./fake-text";
import { chatToolSpecs, planToolCalls, toolChoiceSpec, type PlannedToolCall } from "./fake-tool-calls";
import { completionUsage } from "./fake-usage";

/** Tool-call arguments are streamed in slices of this many characters (one token each). */
export const TOOL_ARGUMENT_SLICE = 8;

interface ChatPlan {
  id: string;
  created: number;
  model: string;
  promptTokens: number;
  completionTokens: number;
  finishReason: "stop" | "length" | "tool_calls";
  pieces: string[];
  text: string;
  toolCalls: PlannedToolCall[];
}

function planChat(body: Record<string, unknown>): ChatPlan {
  const conversation = readChatMessages(body.messages);
  const toolCalls = planToolCalls({
    tools: chatToolSpecs(body.tools),
    toolChoice: toolChoiceSpec(body.tool_choice),
    lastMessageIsUser: conversation.lastRole === "user",
    lastUserText: conversation.lastUserText,
    parallelToolCalls: body.parallel_tool_calls !== false,
  });
  const maxTokens = (body.max_completion_tokens ?? body.max_tokens) as number | undefined;
  const reply = planReply(conversation, maxTokens);
  const base = {
    id: randomId("chatcmpl-", 29),
    created: Math.floor(Date.now() / 1000),
    model: toDatedModel(String(body.model ?? "")),
    promptTokens: conversation.promptTokens,
  };
  if (toolCalls.length > 0) {
    const completionTokens = toolCalls.reduce((n, c) => n + sliceString(c.arguments, TOOL_ARGUMENT_SLICE).length, 0);
    return { ...base, completionTokens, finishReason: "tool_calls", pieces: [], text: "", toolCalls };
  }
  return {
    ...base,
    completionTokens: reply.pieces.length,
    finishReason: reply.finishReason,
    pieces: reply.pieces,
    text: reply.text,
    toolCalls: [],
  };
}

/**
 * The non-streaming `chat.completion` the fake upstream returns for a request
 * body: an echo reply or tool calls (see `planReply` / `planToolCalls`), the
 * dated model, and word-count usage.
 */
export function chatCompletionResponse(body: Record<string, unknown>): Record<string, unknown> {
  const plan = planChat(body);
  const message: Record<string, unknown> =
    plan.toolCalls.length > 0
      ? {
          role: "assistant",
          content: null,
          tool_calls: plan.toolCalls.map((c) => ({
            id: c.id,
            type: "function",
            function: { name: c.name, arguments: c.arguments },
          })),
          refusal: null,
          annotations: [],
        }
      : { role: "assistant", content: plan.text, refusal: null, annotations: [] };
  return {
    id: plan.id,
    object: "chat.completion",
    created: plan.created,
    model: plan.model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: plan.finishReason }],
    usage: completionUsage(plan.promptTokens, plan.completionTokens),
    service_tier: "default",
    system_fingerprint: "fp_standin",
  };
}

/**
 * The `chat.completion.chunk` objects of a streamed reply, in order: the
 * first carries `delta.role`; then one `delta.content` piece per token (or,
 * for tool calls, a chunk with id/name per call followed by argument slices);
 * then an empty delta with `finish_reason`; then, when
 * `stream_options.include_usage` is true, a chunk with `choices: []` and
 * `usage` (earlier chunks then carry `usage: null`, as OpenAI does).
 */
export function chatCompletionChunks(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const plan = planChat(body);
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunk = (choices: unknown[], usage?: unknown): Record<string, unknown> => ({
    id: plan.id,
    object: "chat.completion.chunk",
    created: plan.created,
    model: plan.model,
    service_tier: "default",
    system_fingerprint: "fp_standin",
    choices,
    ...(includeUsage ? { usage: usage ?? null } : {}),
  });
  const choice = (delta: Record<string, unknown>, finishReason: string | null = null) => ({
    index: 0,
    delta,
    logprobs: null,
    finish_reason: finishReason,
  });

  const chunks: Array<Record<string, unknown>> = [];
  if (plan.toolCalls.length > 0) {
    plan.toolCalls.forEach((call, index) => {
      const head = {
        tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
      };
      chunks.push(chunk([choice(index === 0 ? { role: "assistant", content: null, ...head, refusal: null } : head)]));
      for (const slice of sliceString(call.arguments, TOOL_ARGUMENT_SLICE)) {
        chunks.push(chunk([choice({ tool_calls: [{ index, function: { arguments: slice } }] })]));
      }
    });
  } else {
    chunks.push(chunk([choice({ role: "assistant", content: "", refusal: null })]));
    for (const piece of plan.pieces) chunks.push(chunk([choice({ content: piece })]));
  }
  chunks.push(chunk([choice({}, plan.finishReason)]));
  if (includeUsage) chunks.push(chunk([], completionUsage(plan.promptTokens, plan.completionTokens)));
  return chunks;
}
