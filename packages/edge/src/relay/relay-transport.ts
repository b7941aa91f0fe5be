import { MlflowHttpError } from "@kong-mlflow/core";
import { type FinishedTrace, type TraceFailure, type TraceTransport, encodeRelayTrace, relayPayloadText, scrubSecrets } from "@kong-mlflow/core/internal";
import { KEEPALIVE_BODY_BYTES } from "../browser/keepalive-fetch";
import { packBodies } from "./pack-bodies";

/** Where and how the relay transport posts. @internal */
export interface RelayTransportConfig {
  url: string;
  /** At most one of the two. */
  experiment: { experimentId?: string; experimentName?: string };
  headers: Record<string, string>;
  requestTimeoutMs: number;
  /** Already wrapped with `keepaliveFetch` in browsers. */
  fetch: typeof fetch;
}

/**
 * Sends finished traces to a trace relay (`createTraceRelay` on your
 * server) instead of MLflow: one POST per body of at most 60 KiB, so each
 * can go out with `keepalive` and survive the page closing. Bodies are sent
 * as `text/plain` JSON, which needs no CORS preflight, and registered
 * secrets are scrubbed from them as from anything sent to MLflow. A relay answer other
 * than 2xx fails the traces of that body with the relay's message; 408, 429
 * and 5xx are retried by the export pipeline.
 */
export class RelayTransport implements TraceTransport {
  readonly name = "relay";
  declare readonly send: (traces: FinishedTrace[]) => Promise<TraceFailure[]>;

  constructor({ url, experiment, headers, requestTimeoutMs, fetch }: RelayTransportConfig) {
    this.send = async (traces) => {
      // registered secrets never leave the page, as they never reach MLflow from a server
      const texts = traces.map((t) => scrubSecrets(encodeRelayTrace(t)));
      const failures: TraceFailure[] = [];
      await Promise.all(
        packBodies(texts, KEEPALIVE_BODY_BYTES, relayPayloadText([], experiment).length).map(async (group) => {
          try {
            // a string body goes out as text/plain;charset=UTF-8 (fetch sets it), which needs no CORS preflight
            const response = await fetch(url, {
              method: "POST",
              headers,
              body: relayPayloadText(
                group.map((i) => texts[i]!),
                experiment,
              ),
              signal: AbortSignal.timeout(requestTimeoutMs),
            });
            if (response.ok) return;
            // the relay's JSON says why; other answers (or ones unreadable across origins) do not
            const message = await response.json().then(
              (answer: { error?: string } | null) => answer?.error,
              () => undefined,
            );
            const retryAfter = Number(response.headers.get("retry-after"));
            throw new MlflowHttpError(
              response.status,
              `trace relay ${url} answered ${response.status}${message ? `: ${message}` : ""}`,
              undefined,
              retryAfter > 0 && retryAfter < Infinity ? retryAfter * 1000 : undefined,
            );
          } catch (error) {
            for (const i of group) failures.push({ trace: traces[i]!, error });
          }
        }),
      );
      return failures;
    };
  }
}
