import { describe, expect, it } from "vitest";
import { chatStreamOutput } from "./chat-stream-output";

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
