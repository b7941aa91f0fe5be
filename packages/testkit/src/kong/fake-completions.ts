import { toDatedModel } from "./dated-model";
import { planReply } from "./fake-conversation";
import { randomId } from "./fake-ids";
import { countTokens } from "./fake-text";
import { completionUsage } from "./fake-usage";

function promptText(prompt: unknown): string {
  if (typeof prompt === "string") return prompt;
  if (Array.isArray(prompt)) return prompt.filter((p) => typeof p === "string").join(" ");
  return "";
}

function planCompletion(body: Record<string, unknown>) {
  const prompt = promptText(body.prompt);
  const reply = planReply(
    { promptTokens: countTokens(prompt), lastRole: "user", lastText: prompt, lastUserText: prompt },
    body.max_tokens as number | undefined,
  );
  return {
    id: randomId("cmpl-", 29),
    created: Math.floor(Date.now() / 1000),
    model: toDatedModel(String(body.model ?? "")),
    promptTokens: countTokens(prompt),
    reply,
  };
}

/** The non-streaming legacy `text_completion` for a request body: `"Echo: <prompt>"`. */
export function completionResponse(body: Record<string, unknown>): Record<string, unknown> {
  const plan = planCompletion(body);
  return {
    id: plan.id,
    object: "text_completion",
    created: plan.created,
    model: plan.model,
    choices: [{ text: plan.reply.text, index: 0, logprobs: null, finish_reason: plan.reply.finishReason }],
    usage: completionUsage(plan.promptTokens, plan.reply.pieces.length),
  };
}

/**
 * The streamed legacy completion: one `text_completion` chunk per token, a
 * last chunk with `text: ""` and `finish_reason`, then a `choices: []` usage
 * chunk when `stream_options.include_usage` is true.
 */
export function completionChunks(body: Record<string, unknown>): Array<Record<string, unknown>> {
  const plan = planCompletion(body);
  const includeUsage = (body.stream_options as { include_usage?: unknown } | undefined)?.include_usage === true;
  const chunk = (choices: unknown[], usage?: unknown) => ({
    id: plan.id,
    object: "text_completion",
    created: plan.created,
    model: plan.model,
    choices,
    ...(includeUsage ? { usage: usage ?? null } : {}),
  });
  const choice = (text: string, finishReason: string | null = null) => ({
    text,
    index: 0,
    logprobs: null,
    finish_reason: finishReason,
  });
  const chunks: Array<Record<string, unknown>> = plan.reply.pieces.map((piece) => chunk([choice(piece)]));
  chunks.push(chunk([choice("", plan.reply.finishReason)]));
  if (includeUsage) chunks.push(chunk([], completionUsage(plan.promptTokens, plan.reply.pieces.length)));
  return chunks;
}
