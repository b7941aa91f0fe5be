import OpenAI from "openai";
import { kongGateway, tracedOpenAI } from "@kong-mlflow/node";

/**
 * Scenario (c) of the guide: a streamed chat completion. The stream stays
 * the SDK's own `Stream`; the span ends when the loop has read it to the
 * end, and its output is the whole message put back together.
 */
export async function streaming(): Promise<void> {
  // #region streaming
  const kong = kongGateway();
  const client = tracedOpenAI(new OpenAI(kong.clientOptions));

  const stream = await client.chat.completions.create({
    model: kong.model ?? "gpt-4o",
    messages: [{ role: "user", content: "Write a haiku about API gateways." }],
    stream: true,
  });
  for await (const chunk of stream) {
    if (chunk.choices[0].delta.content) {
      process.stdout.write(chunk.choices[0].delta.content);
    }
  }
  // #endregion streaming
  process.stdout.write("\n");
}
