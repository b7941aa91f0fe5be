import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { createTraceRelay, toNodeHandler } from "@kong-mlflow/node";
import { startKongStandin } from "@kong-mlflow/testkit";
import type { TestProject } from "vitest/node";
import { startCorsFront } from "./cors-front";

declare module "vitest" {
  export interface ProvidedContext {
    /** Kong stand-in behind a CORS front, for pages to call directly. */
    kongBrowserUrl: string;
    /** A trace relay (createTraceRelay + toNodeHandler) on its own port, allowing any origin. */
    relayUrl: string;
    /** The experiment name the relay allows. */
    relayExperimentName: string;
  }
}

/** The experiment the browser tests' relay allows; each run creates it fresh on the test server. */
export const RELAY_EXPERIMENT = "edge-browser-relay";

/**
 * Global setup of the browser project: what a page needs from "the user's
 * own servers": Kong with CORS, and a trace relay in front of the run's
 * MLflow. The MLflow URI comes from the root setup, which runs after this
 * one, so the relay is created on its first request.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const kong = await startKongStandin();
  const front = await startCorsFront(kong.url);
  let relay: ((request: Request) => Promise<Response>) | undefined;
  const relayServer = createServer((req, res) => {
    relay ??= createTraceRelay({
      trackingUri: project.getProvidedContext().mlflowTrackingUri,
      experimentNames: [RELAY_EXPERIMENT],
      allowedOrigins: ["*"],
    });
    void toNodeHandler(relay)(req, res);
  });
  await new Promise<void>((resolve) => relayServer.listen(0, "127.0.0.1", resolve));
  project.provide("kongBrowserUrl", front.url);
  project.provide("relayUrl", `http://127.0.0.1:${(relayServer.address() as AddressInfo).port}/api/traces`);
  project.provide("relayExperimentName", RELAY_EXPERIMENT);
  return async () => {
    relayServer.closeAllConnections();
    await new Promise<void>((resolve) => relayServer.close(() => resolve()));
    await front.close();
    await kong.close();
  };
}
