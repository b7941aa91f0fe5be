/** The runtimes a scenario can run in. Node today; edge workers and browsers come with `@kong-mlflow/edge`. */
export type RuntimeName = "node" | "edge" | "browser";

/** One span the scenario's trace must hold. */
export interface ExpectedSpan {
  name: string;
  /** MLflow span type, e.g. `CHAT_MODEL`. */
  type: string;
  /** Name of the parent span; absent for the root. */
  parent?: string;
}

/** A scenario of the tracing guide, independent of the runtime that runs it. */
export interface ScenarioInfo {
  /** Short id, used on the command line (`--only basic`) and in the summary. */
  id: ScenarioId;
  /** What it shows, one line. */
  title: string;
  /** The spans its trace must hold once in MLflow, root first. */
  spans: ExpectedSpan[];
  /** The LLM call's output as the Kong stand-in answers it (the stand-in echoes the last user message). */
  standinAnswer?: string;
}

export type ScenarioId = "basic" | "traced-function" | "streaming" | "manual-tracing";

const LLM = "chat.completions.create";

/** Every scenario, in the order the demo runs them. */
export const SCENARIOS: readonly ScenarioInfo[] = [
  {
    id: "basic",
    title: "one chat completion through Kong (guide scenario a)",
    spans: [{ name: LLM, type: "CHAT_MODEL" }],
    standinAnswer: "Echo: What is Kong AI Gateway?",
  },
  {
    id: "traced-function",
    title: "a traced function, askQuestion, with the LLM call nested inside (guide scenario b)",
    spans: [
      { name: "askQuestion", type: "CHAIN" },
      { name: LLM, type: "CHAT_MODEL", parent: "askQuestion" },
    ],
    standinAnswer: "Echo: What is MLflow Tracing?",
  },
  {
    id: "streaming",
    title: "a streamed chat completion, read with for await (guide scenario c)",
    spans: [{ name: LLM, type: "CHAT_MODEL" }],
    standinAnswer: "Echo: Write a haiku about API gateways.",
  },
  {
    id: "manual-tracing",
    title: "manual spans: a CHAIN with a retriever, a tool and a parser nested inside",
    spans: [
      { name: "answerFromDocs", type: "CHAIN" },
      { name: "retrieveDocuments", type: "RETRIEVER", parent: "answerFromDocs" },
      { name: "rankDocuments", type: "TOOL", parent: "retrieveDocuments" },
      { name: "formatAnswer", type: "PARSER", parent: "answerFromDocs" },
    ],
  },
];

/** The scenario with this id, or undefined. */
export function scenarioById(id: string): ScenarioInfo | undefined {
  return SCENARIOS.find((s) => s.id === id);
}
