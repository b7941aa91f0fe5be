// The guide's scenarios in a browser page, with @kong-mlflow/edge. The demo bundles it
// (with demo-page.ts) and runs it in headless Chromium, behind a trace relay
// (trace-relay.ts); the docs' browser page includes its regions.
// #region browser-setup
import OpenAI from "openai";
import { SpanType, init, kongGateway, trace, tracedOpenAI, withActiveSpan, withSpan } from "@kong-mlflow/edge";
// #endregion browser-setup

/** Sets tracing up in the page and returns the traced client. */
export function setUpPage(kongUrl: string, browserKey?: string): OpenAI {
  // #region browser-init
  // Traces go to the trace relay on your own server, which holds the MLflow credentials.
  init({ relayUrl: "/api/traces", experimentName: "kong-mlflow-demo" });

  // A Kong consumer key meant for browsers (key-auth with rate limiting, and Kong's cors plugin).
  const kong = kongGateway({ url: kongUrl, consumerKey: browserKey });
  const client = tracedOpenAI(new OpenAI({ ...kong.clientOptions, dangerouslyAllowBrowser: true }));
  // #endregion browser-init
  return client;
}

/** Scenario (a) in a page: one chat completion. */
export async function basicInPage(client: OpenAI): Promise<string | null> {
  const completion = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: "What is Kong AI Gateway?" }],
  });
  return completion.choices[0].message.content;
}

/** Scenario (c) in a page: a streamed completion, read with `for await`. */
export async function streamInPage(client: OpenAI): Promise<string> {
  const stream = await client.chat.completions.create({
    model: "gpt-4o",
    messages: [{ role: "user", content: "Write a haiku about API gateways." }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) {
    if (chunk.choices[0].delta.content) text += chunk.choices[0].delta.content;
  }
  return text;
}

/** Scenario (b) in a page: the call is made before the function's first `await`, so it nests. */
export async function askInPage(client: OpenAI): Promise<string | null> {
  // #region browser-traced-function
  const askQuestion = trace({ name: "askQuestion", spanType: SpanType.CHAIN }, async (question: string) => {
    const completion = await client.chat.completions.create({
      model: "gpt-4o",
      messages: [{ role: "user", content: question }],
    });
    return completion.choices[0].message.content;
  });
  // #endregion browser-traced-function
  return askQuestion("What is MLflow Tracing?");
}

/** A span started after an `await` names its parent: a page has no AsyncLocalStorage. */
export async function followUp(client: OpenAI): Promise<string | null> {
  // #region browser-nesting
  const answer = await withSpan({ name: "chatTurn", spanType: SpanType.CHAIN }, async (turn) => {
    const first = await client.chat.completions.create({ model: "gpt-4o", messages: [{ role: "user", content: "What is Kong?" }] });
    // After the await, `turn` is no longer on the call stack: make it the parent explicitly.
    const second = await withActiveSpan(turn, () =>
      client.chat.completions.create({
        model: "gpt-4o",
        messages: [{ role: "user", content: "What is Kong?" }, first.choices[0].message, { role: "user", content: "Shorter, please." }],
      }),
    );
    return second.choices[0].message.content;
  });
  // #endregion browser-nesting
  return answer;
}
