import { toDatedModel } from "./dated-model";
import { planReply, readResponsesInput } from "./fake-conversation";
import { randomHex } from "./fake-ids";
import { sliceString } from "./fake-text";
import { planToolCalls, responsesToolSpecs, toolChoiceSpec } from "./fake-tool-calls";
import { TOOL_ARGUMENT_SLICE } from "./fake-chat-completions";
import { responsesUsage } from "./fake-usage";

interface OutputPlan {
  kind: "message" | "function_call";
  id: string;
  /** Stream pieces: text tokens, or argument slices. */
  pieces: string[];
  finalItem: Record<string, unknown>;
  startItem: Record<string, unknown>;
}

function planResponse(body: Record<string, unknown>) {
  const conversation = readResponsesInput(body.input, body.instructions);
  const toolCalls = planToolCalls({
    tools: responsesToolSpecs(body.tools),
    toolChoice: toolChoiceSpec(body.tool_choice),
    lastMessageIsUser: conversation.lastRole === "user",
    lastUserText: conversation.lastUserText,
    parallelToolCalls: body.parallel_tool_calls !== false,
  });
  const reply = planReply(conversation, body.max_output_tokens as number | undefined);
  const outputs: OutputPlan[] = [];
  let incomplete = false;
  if (toolCalls.length > 0) {
    for (const call of toolCalls) {
      const id = `fc_${randomHex(48)}`;
      const common = { id, type: "function_call", call_id: call.id, name: call.name };
      outputs.push({
        kind: "function_call",
        id,
        pieces: sliceString(call.arguments, TOOL_ARGUMENT_SLICE),
        startItem: { ...common, status: "in_progress", arguments: "" },
        finalItem: { ...common, status: "completed", arguments: call.arguments },
      });
    }
  } else {
    const id = `msg_${randomHex(48)}`;
    incomplete = reply.finishReason === "length";
    outputs.push({
      kind: "message",
      id,
      pieces: reply.pieces,
      startItem: { id, type: "message", status: "in_progress", content: [], role: "assistant" },
      finalItem: {
        id,
        type: "message",
        status: incomplete ? "incomplete" : "completed",
        content: [outputText(reply.text)],
        role: "assistant",
      },
    });
  }
  const outputTokens = outputs.reduce((n, o) => n + o.pieces.length, 0);
  return {
    id: `resp_${randomHex(48)}`,
    createdAt: Math.floor(Date.now() / 1000),
    model: toDatedModel(String(body.model ?? "")),
    inputTokens: conversation.promptTokens,
    outputTokens,
    incomplete,
    outputs,
  };
}

function outputText(text: string): Record<string, unknown> {
  return { type: "output_text", annotations: [], logprobs: [], text };
}

type ResponsePlan = ReturnType<typeof planResponse>;

function responseObject(
  plan: ResponsePlan,
  body: Record<string, unknown>,
  final: boolean,
): Record<string, unknown> {
  const status = !final ? "in_progress" : plan.incomplete ? "incomplete" : "completed";
  return {
    id: plan.id,
    object: "response",
    created_at: plan.createdAt,
    status,
    background: false,
    error: null,
    incomplete_details: final && plan.incomplete ? { reason: "max_output_tokens" } : null,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    model: plan.model,
    output: final ? plan.outputs.map((o) => o.finalItem) : [],
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    reasoning: { effort: null, summary: null },
    service_tier: "default",
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format: { type: "text" }, verbosity: "medium" },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_p: body.top_p ?? 1,
    truncation: "disabled",
    usage: final ? responsesUsage(plan.inputTokens, plan.outputTokens) : null,
    user: null,
    metadata: body.metadata ?? {},
  };
}

/**
 * The non-streaming Responses API object for a request body: one `message`
 * output (`"Echo: <last user input>"`, or `"Tool result: ..."` after a
 * `function_call_output`) or `function_call` outputs (same triggers as Chat
 * Completions), with usage. A reply cut by `max_output_tokens` has status
 * `incomplete`.
 */
export function responsesResponse(body: Record<string, unknown>): Record<string, unknown> {
  return responseObject(planResponse(body), body, true);
}

/**
 * The typed events of a streamed Responses API reply, in OpenAI's order:
 * `response.created`, `response.in_progress`, then per output item
 * `response.output_item.added`, (`response.content_part.added`,
 * `response.output_text.delta`..., `response.output_text.done`,
 * `response.content_part.done`) or (`response.function_call_arguments.delta`...,
 * `response.function_call_arguments.done`), `response.output_item.done`, and
 * finally `response.completed` (or `response.incomplete`) carrying `usage`.
 * Each event has `type` and `sequence_number`.
 */
export function responsesEvents(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const plan = planResponse(body);
  const events: Array<Record<string, unknown>> = [];
  const push = (type: string, fields: Record<string, unknown>) =>
    events.push({ type, sequence_number: events.length, ...fields });

  push("response.created", { response: responseObject(plan, body, false) });
  push("response.in_progress", { response: responseObject(plan, body, false) });
  plan.outputs.forEach((output, outputIndex) => {
    push("response.output_item.added", { output_index: outputIndex, item: output.startItem });
    const ids = { item_id: output.id, output_index: outputIndex };
    if (output.kind === "message") {
      const text = output.pieces.join("");
      push("response.content_part.added", { ...ids, content_index: 0, part: outputText("") });
      for (const delta of output.pieces) {
        push("response.output_text.delta", { ...ids, content_index: 0, delta, logprobs: [] });
      }
      push("response.output_text.done", { ...ids, content_index: 0, text, logprobs: [] });
      push("response.content_part.done", { ...ids, content_index: 0, part: outputText(text) });
    } else {
      for (const delta of output.pieces) push("response.function_call_arguments.delta", { ...ids, delta });
      push("response.function_call_arguments.done", { ...ids, arguments: output.pieces.join("") });
    }
    push("response.output_item.done", { output_index: outputIndex, item: output.finalItem });
  });
  push(plan.incomplete ? "response.incomplete" : "response.completed", { response: responseObject(plan, body, true) });
  return events;
}
