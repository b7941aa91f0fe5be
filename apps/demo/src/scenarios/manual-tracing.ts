import { SpanType, startSpan, trace, updateCurrentTrace, withSpan } from "@kong-mlflow/node";

// #region manual-tracing
/** A tool: a plain function traced as a TOOL span. */
const rankDocuments = trace({ name: "rankDocuments", spanType: SpanType.TOOL }, async (docs: string[], query: string) => {
  return docs.filter((d) => d.toLowerCase().includes(query.split(" ")[0]!.toLowerCase())).concat(docs).slice(0, 2);
});

/** A traced function with the work nested inside it: CHAIN > RETRIEVER > TOOL. */
export const answerFromDocs = trace({ name: "answerFromDocs", spanType: SpanType.CHAIN }, async (question: string) => {
  updateCurrentTrace({ sessionId: "demo-session", user: "demo-user", tags: { scenario: "manual-tracing" } });

  const docs = await withSpan(
    async (span) => {
      const found = ["Kong AI Gateway routes LLM traffic", "MLflow records traces", "Gateways add latency headers"];
      span.setAttribute("retriever.source", "in-memory");
      return rankDocuments(found, question);
    },
    { name: "retrieveDocuments", spanType: SpanType.RETRIEVER, inputs: { query: question } },
  );

  // startSpan: not made active; end it yourself.
  const parse = startSpan({ name: "formatAnswer", spanType: SpanType.PARSER, inputs: { docs } });
  const answer = `Based on ${docs.length} documents: ${docs[0]}.`;
  parse.end({ outputs: answer });
  return answer;
});
// #endregion manual-tracing

/** Runs the manual-tracing scenario and prints its answer. */
export async function manualTracing(): Promise<void> {
  const answer = await answerFromDocs("Kong gateway latency");
  console.log(answer);
}
