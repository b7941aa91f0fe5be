import { describe, expect, it } from "vitest";
import { transformationError } from "./transformation-error";

describe("transformationError", () => {
  it("accepts bodies with choices", () => {
    expect(transformationError(Buffer.from('{"choices":[]}'), "openai", "llm/v1/chat")).toBeUndefined();
  });

  it("reports missing choices and undecodable bodies with Kong's wording", () => {
    expect(transformationError(Buffer.from('{"id":"x"}'), "openai", "llm/v1/chat")).toBe(
      "transformation failed from type openai://llm/v1/chat: 'choices' not in llm/v1/chat response",
    );
    expect(transformationError(Buffer.from("<html>"), "azure", "llm/v1/completions")).toBe(
      "transformation failed from type azure://llm/v1/completions: failed to decode llm/v1/completions response",
    );
  });
});
