import { deterministicId } from "./fake-ids";

/** A function tool the client offered, reduced to what the fake upstream needs. */
export interface FunctionToolSpec {
  name: string;
  /** JSON schema of the arguments. */
  parameters?: unknown;
}

/** The client's `tool_choice`, normalised: a mode or a named function. */
export type ToolChoiceSpec = "none" | "auto" | "required" | { name: string } | undefined;

/** A tool call the fake upstream decided to make. */
export interface PlannedToolCall {
  /** Deterministic id, `call_` + 24 hex chars. */
  id: string;
  name: string;
  /** JSON-encoded arguments. */
  arguments: string;
}

/** What {@link planToolCalls} looks at. */
export interface ToolCallPlanInput {
  tools: FunctionToolSpec[];
  toolChoice: ToolChoiceSpec;
  /** True when the conversation ends with a user message (not a tool result). */
  lastMessageIsUser: boolean;
  /** Text of the last user message. */
  lastUserText: string;
  /** The client's `parallel_tool_calls` (default true). */
  parallelToolCalls: boolean;
}

const NAMED_TRIGGER = /use tool\s+["'`]?([A-Za-z0-9_.-]+)/i;

/**
 * Decides, deterministically, whether the fake upstream answers with tool
 * calls. Nothing is called without `tools`, or with `tool_choice: "none"`.
 * Otherwise:
 * - `tool_choice` naming a function → one call to it;
 * - the last message is a user message containing `use all tools` → one call
 *   per tool (only the first when `parallel_tool_calls` is false);
 * - it contains `use tool <name>` → a call to that tool (the first tool when
 *   no tool has that name); plain `use tool` → the first tool;
 * - `tool_choice: "required"` with no trigger phrase → the first tool.
 * A conversation ending with a tool result gets no new call unless
 * `tool_choice` forces one, so agent loops terminate.
 *
 * Arguments come from the tool's JSON schema (see {@link argumentsFromSchema}).
 */
export function planToolCalls(input: ToolCallPlanInput): PlannedToolCall[] {
  const { tools, toolChoice } = input;
  if (tools.length === 0 || toolChoice === "none") return [];

  let chosen: FunctionToolSpec[] = [];
  const text = input.lastMessageIsUser ? input.lastUserText.toLowerCase() : "";
  if (typeof toolChoice === "object") {
    chosen = [tools.find((t) => t.name === toolChoice.name) ?? { name: toolChoice.name }];
  } else if (text.includes("use all tools")) {
    chosen = input.parallelToolCalls ? tools : tools.slice(0, 1);
  } else if (text.includes("use tool")) {
    const named = NAMED_TRIGGER.exec(input.lastUserText)?.[1];
    chosen = [tools.find((t) => t.name === named) ?? (tools[0] as FunctionToolSpec)];
  } else if (toolChoice === "required") {
    chosen = tools.slice(0, 1);
  }

  return chosen.map((tool, index) => {
    const args = JSON.stringify(argumentsFromSchema(tool.parameters));
    return {
      id: deterministicId("call_", `${index}:${tool.name}:${args}:${input.lastUserText}`, 24),
      name: tool.name,
      arguments: args,
    };
  });
}

/**
 * A value matching a JSON schema, deterministically: for an object, every
 * property gets a value; `enum` → its first member; string → `"<property>-value"`;
 * number/integer → 42; boolean → true; array → `[]`. A schema that is not an
 * object schema gives `{}`.
 */
export function argumentsFromSchema(schema: unknown): Record<string, unknown> {
  const value = valueFor(schema, "value");
  return value && typeof value === "object" && !Array.isArray(value) ? (value as Record<string, unknown>) : {};
}

function valueFor(schema: unknown, key: string): unknown {
  if (!schema || typeof schema !== "object") return `${key}-value`;
  const s = schema as { type?: unknown; enum?: unknown; properties?: unknown };
  if (Array.isArray(s.enum) && s.enum.length > 0) return s.enum[0];
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  switch (type) {
    case "object": {
      const out: Record<string, unknown> = {};
      const props = s.properties && typeof s.properties === "object" ? (s.properties as Record<string, unknown>) : {};
      for (const [name, sub] of Object.entries(props)) out[name] = valueFor(sub, name);
      return out;
    }
    case "number":
    case "integer":
      return 42;
    case "boolean":
      return true;
    case "array":
      return [];
    case "null":
      return null;
    default:
      return `${key}-value`;
  }
}

/** Reads Chat Completions `tools` (`{type:"function", function:{name, parameters}}`). */
export function chatToolSpecs(tools: unknown): FunctionToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const out: FunctionToolSpec[] = [];
  for (const tool of tools as unknown[]) {
    const fn = (tool as { function?: { name?: unknown; parameters?: unknown } } | null)?.function;
    if (fn && typeof fn.name === "string") out.push({ name: fn.name, parameters: fn.parameters });
  }
  return out;
}

/** Reads Responses API `tools` (`{type:"function", name, parameters}`). */
export function responsesToolSpecs(tools: unknown): FunctionToolSpec[] {
  if (!Array.isArray(tools)) return [];
  const out: FunctionToolSpec[] = [];
  for (const tool of tools as unknown[]) {
    const t = tool as { type?: unknown; name?: unknown; parameters?: unknown } | null;
    if (t && t.type === "function" && typeof t.name === "string") out.push({ name: t.name, parameters: t.parameters });
  }
  return out;
}

/**
 * Normalises `tool_choice` from either API: `"none" | "auto" | "required"`,
 * `{type:"function", function:{name}}` (Chat) or `{type:"function", name}` (Responses).
 */
export function toolChoiceSpec(choice: unknown): ToolChoiceSpec {
  if (choice === "none" || choice === "auto" || choice === "required") return choice;
  if (choice && typeof choice === "object") {
    const c = choice as { name?: unknown; function?: { name?: unknown } };
    const name = typeof c.function?.name === "string" ? c.function.name : c.name;
    if (typeof name === "string") return { name };
  }
  return undefined;
}
