// The guide's three scenarios in a Cloudflare Worker, with @kong-mlflow/edge. The demo
// bundles this file with esbuild and runs it in workerd (miniflare), one route per
// scenario; the docs' edge page includes its regions.
// #region edge-imports
import OpenAI from "openai";
import { SpanType, getLastActiveTraceId, kongGateway, trace, tracedOpenAI, withFlush } from "@kong-mlflow/edge";

/** The worker's bindings (wrangler.toml `[vars]` and secrets). */
interface Env {
  KONG_GATEWAY_URL: string;
  KONG_API_KEY?: string;
  MLFLOW_TRACKING_URI: string;
  MLFLOW_EXPERIMENT_NAME: string;
}
// #endregion edge-imports

/** Scenario (a): one chat completion through Kong. */
async function basicChat(env: Env): Promise<string | null> {
  // #region edge-basic
  const kong = kongGateway({ url: env.KONG_GATEWAY_URL, consumerKey: env.KONG_API_KEY });
  const client = tracedOpenAI(new OpenAI(kong.clientOptions));

  const completion = await client.chat.completions.create({
    model: kong.model ?? "gpt-4o",
    messages: [{ role: "user", content: "What is Kong AI Gateway?" }],
  });
  // #endregion edge-basic
  return completion.choices[0].message.content;
}

/** Scenario (b): a traced function wrapping the call. */
async function tracedFunction(env: Env): Promise<string | null> {
  // #region edge-traced-function
  const kong = kongGateway({ url: env.KONG_GATEWAY_URL, consumerKey: env.KONG_API_KEY });
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
  // #endregion edge-traced-function
  return answer;
}

/** Scenario (c): a streamed chat completion, read with `for await`. */
async function streaming(env: Env): Promise<string> {
  // #region edge-streaming
  const kong = kongGateway({ url: env.KONG_GATEWAY_URL, consumerKey: env.KONG_API_KEY });
  const client = tracedOpenAI(new OpenAI(kong.clientOptions));

  const stream = await client.chat.completions.create({
    model: kong.model ?? "gpt-4o",
    messages: [{ role: "user", content: "Write a haiku about API gateways." }],
    stream: true,
  });
  let text = "";
  for await (const chunk of stream) {
    if (chunk.choices[0].delta.content) {
      text += chunk.choices[0].delta.content;
    }
  }
  // #endregion edge-streaming
  return text;
}

const SCENARIOS: Record<string, (env: Env) => Promise<string | null>> = {
  "/basic": basicChat,
  "/traced-function": tracedFunction,
  "/streaming": streaming,
};

// #region edge-worker
export default {
  // withFlush exports the request's traces in ctx.waitUntil, after the response was sent.
  fetch: withFlush(
    async (request: Request, env: Env) => {
      const scenario = SCENARIOS[new URL(request.url).pathname];
      if (!scenario) return new Response("not found", { status: 404 });
      const answer = await scenario(env);
      return Response.json({ answer, traceId: getLastActiveTraceId() });
    },
    // Called once per isolate, with the first request's env: where traces go.
    { init: (env: Env) => ({ trackingUri: env.MLFLOW_TRACKING_URI, experimentName: env.MLFLOW_EXPERIMENT_NAME }) },
  ),
};
// #endregion edge-worker
