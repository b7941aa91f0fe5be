// #region imports
import OpenAI from "openai";
import { kongGateway, tracedOpenAI } from "@kong-mlflow/node";
// #endregion imports

/**
 * Scenario (a) of the guide: one chat completion through Kong AI Gateway.
 * The traced client makes the call a CHAT_MODEL span (the trace's only
 * span), with the gateway's signals on it. Returns the answer.
 */
export async function basicChat(): Promise<string | null> {
  // #region basic
  // Reads KONG_GATEWAY_URL (and KONG_API_KEY, KONG_DEFAULT_MODEL, ...) from the environment.
  const kong = kongGateway();
  const client = tracedOpenAI(new OpenAI(kong.clientOptions));

  const completion = await client.chat.completions.create({
    model: kong.model ?? "gpt-4o",
    messages: [{ role: "user", content: "What is Kong AI Gateway?" }],
  });
  console.log(completion.choices[0].message.content);
  // #endregion basic
  return completion.choices[0].message.content;
}
