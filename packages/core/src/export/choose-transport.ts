import { logger } from "../diagnostics/logger";
import { MlflowNetworkError } from "../errors";
import { type MlflowHttpConfig, mlflowRequest } from "./mlflow-http";
import { NativeTransport } from "./native-transport";
import { OtlpTransport } from "./otlp-transport";
import type { TraceTransport } from "./trace-transport";

/** Which MLflow endpoint traces go to. */
export type TransportMode = "auto" | "otlp" | "native";

/** MLflow accepts OTLP as JSON from 3.12 on. */
const OTLP_JSON_SINCE = [3, 12];

function atLeast(version: string, [major, minor]: number[]): boolean {
  const [a = 0, b = 0] = version.split(".").map((p) => Number.parseInt(p, 10));
  return a > major! || (a === major && b >= minor!);
}

/**
 * Picks the transport. `auto` asks the server once: OTLP/JSON when it runs a
 * SQL store and is 3.12 or newer, else the native path, which works on
 * every 3.x server. A server that answers the question with an error gets
 * the native path; one that does not answer at all rejects with the
 * {@link MlflowNetworkError}, so the choice is made again once it is up
 * (`LazyTransport` asks again with the next batch) instead of settling for
 * the slower path for the life of the process.
 */
export async function chooseTransport(http: MlflowHttpConfig, mode: TransportMode): Promise<TraceTransport> {
  if (mode === "otlp") return new OtlpTransport(http);
  if (mode === "native") return new NativeTransport(http);
  try {
    const version = (await mlflowRequest(http, "GET", "/version")).trim();
    if (!atLeast(version, OTLP_JSON_SINCE)) return new NativeTransport(http);
    const info = JSON.parse(await mlflowRequest(http, "GET", "/api/3.0/mlflow/server-info")) as { store_type?: string };
    return info.store_type === "SqlStore" ? new OtlpTransport(http) : new NativeTransport(http);
  } catch (error) {
    if (error instanceof MlflowNetworkError) throw error;
    logger().debug?.(`could not ask MLflow which export path it supports (${String(error)}); using the native path.`);
    return new NativeTransport(http);
  }
}
