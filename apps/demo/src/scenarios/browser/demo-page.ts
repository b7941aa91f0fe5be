// The demo's page script: sets tracing up as page.ts shows, then lets the demo run one
// scenario at a time (window.runScenario) and report its trace id.
import { flushTraces, getLastActiveTraceId } from "@kong-mlflow/edge";
import { askInPage, basicInPage, setUpPage, streamInPage } from "./page";

// Kong is reached through the page's own origin (/kong), which adds the consumer key server-side.
const client = setUpPage(new URL("/kong", location.href).href);

const SCENARIOS: Record<string, () => Promise<string | null>> = {
  basic: () => basicInPage(client),
  "traced-function": () => askInPage(client),
  streaming: () => streamInPage(client),
};

(globalThis as { runScenario?: unknown }).runScenario = async (id: string) => {
  const answer = await SCENARIOS[id]!();
  const traceId = getLastActiveTraceId();
  await flushTraces();
  return { answer, traceId };
};
