import { kongGateway } from "@kong-mlflow/node";
import { type KongStandin, startKongStandin } from "@kong-mlflow/testkit";

/** Where the scenarios' LLM calls go, and how to stop what the demo started. */
export interface GatewayTarget {
  /** Kong's proxy URL. */
  url: string;
  /** The local stand-in, when the demo started it. */
  started: KongStandin | undefined;
}

/**
 * Uses KONG_GATEWAY_URL when set (checking that something answers there);
 * otherwise starts the local Kong AI Gateway stand-in from
 * `@kong-mlflow/testkit` on a free port, with its fake OpenAI upstream.
 */
export async function gatewayTarget(): Promise<GatewayTarget> {
  const fromEnv = process.env.KONG_GATEWAY_URL;
  if (fromEnv) {
    const { origin } = kongGateway(); // a malformed value throws, naming KONG_GATEWAY_URL
    await fetch(origin, { signal: AbortSignal.timeout(5000) }).catch((e: Error) => {
      throw new Error(`KONG_GATEWAY_URL=${fromEnv} does not answer (${e.message}). Start Kong there, or unset KONG_GATEWAY_URL to let the demo start its local Kong stand-in.`);
    });
    return { url: fromEnv, started: undefined };
  }
  const standin = await startKongStandin();
  return { url: standin.url, started: standin };
}
