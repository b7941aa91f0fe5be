import { describe, expect, it } from "vitest";
import { choicesStreamOutput } from "./choices-stream-output";

const chatStreamOutput = (chunks: unknown[]) => choicesStreamOutput(chunks, true);
const completionStreamOutput = (chunks: unknown[]) => choicesStreamOutput(chunks, false);

describe("chatStreamOutput", () => {
  it("concatenates content, keeps the last finish reason and the usage chunk", () => {
    const out = chatStreamOutput([
      { id: "c1", created: 1, model: "gpt-4o-2024-08-06", choices: [{ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null }] },
      { id: "c1", model: "gpt-4o-2024-08-06", choices: [{ index: 0, delta: { content: "Hel" }, finish_reason: null }] },
      { id: "c1", model: "gpt-4o-2024-08-06", choices: [{ index: 0, delta: { content: "lo" }, finish_reason: null }] },
      { id: "c1", model: "gpt-4o-2024-08-06", choices: [{ index: 0, delta: {}, finish_reason: "stop" }] },
      { id: "c1", model: "gpt-4o-2024-08-06", choices: [], usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 } },
    ]);
    expect(out).toEqual({
      id: "c1",
      object: "chat.completion",
      created: 1,
      model: "gpt-4o-2024-08-06",
      choices: [{ index: 0, message: { role: "assistant", content: "Hello" }, finish_reason: "stop" }],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
  });

  it("assembles tool calls from their deltas, by index", () => {
    const out = chatStreamOutput([
      { id: "c", choices: [{ index: 0, delta: { role: "assistant", tool_calls: [{ index: 0, id: "call_a", type: "function", function: { name: "get_weather", arguments: "" } }] } }] },
      { id: "c", choices: [{ index: 0, delta: { tool_calls: [{ index: 1, id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz"' } }] } }] },
      { id: "c", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '{"city":' } }] } }] },
      { id: "c", choices: [{ index: 0, delta: { tool_calls: [{ index: 0, function: { arguments: '"Paris"}' } }, { index: 1, function: { arguments: ':"UTC"}' } }] } }] },
      { id: "c", choices: [{ index: 0, delta: {}, finish_reason: "tool_calls" }] },
    ]);
    const choice = (out.choices as Array<{ message: { content: unknown; tool_calls: unknown }; finish_reason: string }>)[0]!;
    expect(choice.finish_reason).toBe("tool_calls");
    expect(choice.message.content).toBeNull();
    expect(choice.message.tool_calls).toEqual([
      { id: "call_a", type: "function", function: { name: "get_weather", arguments: '{"city":"Paris"}' } },
      { id: "call_b", type: "function", function: { name: "get_time", arguments: '{"tz":"UTC"}' } },
    ]);
  });

  it("keeps a partial output when the stream stopped early", () => {
    const out = chatStreamOutput([{ id: "c", choices: [{ index: 0, delta: { content: "par" } }] }]);
    expect(out.choices).toEqual([{ index: 0, message: { role: "assistant", content: "par" }, finish_reason: null }]);
  });
});

describe("completionStreamOutput", () => {
  it("concatenates text per choice, keeps the last finish reason and usage, and nothing chat-only", () => {
    const out = completionStreamOutput([
      { id: "cmpl-1", object: "text_completion", created: 7, model: "gpt-3.5-turbo-instruct", system_fingerprint: "fp", choices: [{ index: 1, text: "B", finish_reason: null }] },
      { id: "cmpl-1", created: 8, model: "gpt-3.5-turbo-instruct", choices: [{ index: 0, text: "Hel", finish_reason: null }] },
      { id: "cmpl-1", model: "gpt-3.5-turbo-instruct", choices: [{ index: 0, text: "lo", finish_reason: "stop" }, { index: 1, text: "", finish_reason: "length" }] },
      { id: "cmpl-1", model: "gpt-3.5-turbo-instruct", choices: [], usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 } },
    ]);
    expect(out).toEqual({
      id: "cmpl-1",
      object: "text_completion",
      created: 7,
      model: "gpt-3.5-turbo-instruct",
      choices: [
        { index: 0, text: "Hello", finish_reason: "stop" },
        { index: 1, text: "B", finish_reason: "length" },
      ],
      usage: { prompt_tokens: 2, completion_tokens: 3, total_tokens: 5 },
    });
  });
});
