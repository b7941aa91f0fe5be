import { decodeSpanAttributes, getTraceInfo, getTraceSpans, type MlflowSpan, type MlflowTraceInfo } from "@kong-mlflow/testkit";
import { flushTraces, init } from "../index";

/** A span read back from MLflow, with attributes decoded. */
export interface ReadSpan {
  raw: MlflowSpan;
  name: string;
  type: unknown;
  attrs: Record<string, unknown>;
  inputs: unknown;
  outputs: unknown;
  status: string;
  events: MlflowSpan["events"];
}

/** Inits tracing into a fresh experiment; returns its name. Test helper. */
export function initFreshExperiment(trackingUri: string, prefix: string): string {
  const name = `${prefix}-${Date.now()}-${Math.random().toString(16).slice(2)}`;
  init({ trackingUri, experimentName: name, batch: { scheduleDelayMs: 20 }, shutdownFlushTimeoutMs: false });
  return name;
}

/** Flushes, then reads one trace's info and spans back over REST. Test helper. */
export async function readTrace(trackingUri: string, traceId: string): Promise<{ info: MlflowTraceInfo; spans: ReadSpan[] }> {
  await flushTraces();
  const info = await getTraceInfo(trackingUri, traceId);
  const spans = (await getTraceSpans(trackingUri, traceId)).map((raw) => {
    const attrs = decodeSpanAttributes(raw.attributes);
    return {
      raw,
      name: raw.name,
      type: attrs["mlflow.spanType"],
      attrs,
      inputs: attrs["mlflow.spanInputs"],
      outputs: attrs["mlflow.spanOutputs"],
      status: raw.status.code,
      events: raw.events,
    };
  });
  return { info, spans };
}

/** The MLflow trace id carried by a recorded request's `traceparent`. */
export function traceIdOf(headers: Record<string, string | string[]>): string {
  const tp = headers.traceparent;
  if (typeof tp !== "string") throw new Error("request carried no traceparent");
  return `tr-${tp.split("-")[1]}`;
}
