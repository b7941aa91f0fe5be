import { describe, expect, it } from "vitest";
import { argumentsFromSchema, planToolCalls, toolChoiceSpec, type ToolCallPlanInput } from "./fake-tool-calls";

const weather = {
  name: "get_weather",
  parameters: {
    type: "object",
    properties: { city: { type: "string" }, unit: { type: "string", enum: ["celsius", "fahrenheit"] }, days: { type: "integer" } },
  },
};
const time = { name: "get_time", parameters: { type: "object", properties: { tz: { type: "string" } } } };
const base: ToolCallPlanInput = {
  tools: [weather, time],
  toolChoice: undefined,
  lastMessageIsUser: true,
  lastUserText: "hello",
  parallelToolCalls: true,
};

describe("planToolCalls", () => {
  it("calls nothing without a trigger, tools, or with tool_choice none", () => {
    expect(planToolCalls(base)).toEqual([]);
    expect(planToolCalls({ ...base, tools: [], lastUserText: "use tool" })).toEqual([]);
    expect(planToolCalls({ ...base, toolChoice: "none", lastUserText: "use tool" })).toEqual([]);
  });

  it("calls the first tool, a named one, or all of them", () => {
    expect(planToolCalls({ ...base, lastUserText: "please use tool" }).map((c) => c.name)).toEqual(["get_weather"]);
    expect(planToolCalls({ ...base, lastUserText: "use tool get_time now" }).map((c) => c.name)).toEqual(["get_time"]);
    expect(planToolCalls({ ...base, lastUserText: "use all tools" }).map((c) => c.name)).toEqual(["get_weather", "get_time"]);
    expect(planToolCalls({ ...base, lastUserText: "use all tools", parallelToolCalls: false }).map((c) => c.name)).toEqual([
      "get_weather",
    ]);
    expect(planToolCalls({ ...base, toolChoice: { name: "get_time" } }).map((c) => c.name)).toEqual(["get_time"]);
    expect(planToolCalls({ ...base, toolChoice: "required" }).map((c) => c.name)).toEqual(["get_weather"]);
  });

  it("does not call again after a tool result unless forced", () => {
    expect(planToolCalls({ ...base, lastMessageIsUser: false, lastUserText: "use tool" })).toEqual([]);
    expect(planToolCalls({ ...base, lastMessageIsUser: false, toolChoice: "required" })).toHaveLength(1);
  });

  it("builds deterministic ids and schema-derived arguments", () => {
    const [a] = planToolCalls({ ...base, lastUserText: "use tool" });
    const [b] = planToolCalls({ ...base, lastUserText: "use tool" });
    expect(a).toEqual(b);
    expect(a?.id).toMatch(/^call_[0-9a-f]{24}$/);
    expect(a?.arguments).toBe('{"city":"city-value","unit":"celsius","days":42}');
  });
});

describe("argumentsFromSchema / toolChoiceSpec", () => {
  it("fills nested objects, booleans and arrays", () => {
    expect(
      argumentsFromSchema({
        type: "object",
        properties: { o: { type: "object", properties: { b: { type: "boolean" } } }, l: { type: "array" } },
      }),
    ).toEqual({ o: { b: true }, l: [] });
    expect(argumentsFromSchema(undefined)).toEqual({});
  });

  it("normalises both APIs' tool_choice", () => {
    expect(toolChoiceSpec({ type: "function", function: { name: "f" } })).toEqual({ name: "f" });
    expect(toolChoiceSpec({ type: "function", name: "g" })).toEqual({ name: "g" });
    expect(toolChoiceSpec("required")).toBe("required");
    expect(toolChoiceSpec(42)).toBeUndefined();
  });
});
