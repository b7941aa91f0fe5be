import OpenAI from "openai";
import { SpanType, kongGateway, trace, tracedOpenAI } from "@kong-mlflow/node";

/**
 * Scenario (b) of the guide: a traced function wrapping the call. The
 * function is the trace's root CHAIN span and the LLM call nests inside it,
 * across the `await`. Returns the answer.
 */
export async function tracedFunction(): Promise<string | null> {
  // #region traced-function
  const kong = kongGateway();
  const client = tracedOpenAI(new OpenAI(kong.clientOptions));

  const askQuestion = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string) => {
    const completion = await client.chat.completions.create({
      model: kong.model ?? "gpt-4o",
      messages: [
        { role: "system", content: "You are a helpful assistant." },
        { role: "user", content: question },
      ],
    });
    return completion.choices[0].message.content;
  });

  const answer = await askQuestion("What is MLflow Tracing?");
  console.log(answer);
  // #endregion traced-function
  return answer;
}
