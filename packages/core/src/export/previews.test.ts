import { describe, expect, it } from "vitest";
import { PREVIEW_MAX_LENGTH, requestPreview, responsePreview } from "./previews";

describe("previews", () => {
  it("takes the last user message of a chat request, also one level into named arguments", () => {
    const chat = { model: "m", messages: [{ role: "system", content: "be brief" }, { role: "user", content: "first" }, { role: "assistant", content: "a" }, { role: "user", content: "second" }] };
    expect(requestPreview(JSON.stringify(chat))).toBe("second");
    expect(requestPreview(JSON.stringify({ params: chat }))).toBe("second");
    expect(requestPreview(JSON.stringify({ messages: [{ role: "user", content: [{ type: "text", text: "parts" }] }] }))).toBe("parts");
    expect(requestPreview(JSON.stringify({ input: "responses api" }))).toBe("responses api");
    expect(requestPreview(JSON.stringify({ question: "why" }))).toBe('{"question":"why"}');
  });

  it("takes the assistant text of a chat completion, a Responses output_text, or a string", () => {
    expect(responsePreview(JSON.stringify({ choices: [{ message: { role: "assistant", content: "hi" } }] }))).toBe("hi");
    expect(responsePreview(JSON.stringify({ output_text: "resp" }))).toBe("resp");
    expect(responsePreview(JSON.stringify("plain"))).toBe("plain");
    expect(responsePreview(JSON.stringify({ n: 1 }))).toBe('{"n":1}');
    expect(responsePreview(undefined)).toBe("");
  });

  it("caps previews at 1000 characters", () => {
    expect(requestPreview(JSON.stringify({ input: "x".repeat(5000) }))).toHaveLength(PREVIEW_MAX_LENGTH);
  });
});
