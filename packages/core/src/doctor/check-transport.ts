import { chooseTransport } from "../export/choose-transport";
import { OtlpTransport } from "../export/otlp-transport";
import { type MlflowContext, settingName } from "./doctor-context";
import { type Outcome, fail, pass } from "./check-outcome";
import { probe } from "./http-probe";

const DESCRIPTION = {
  otlp: "OTLP/JSON to /v1/traces, one request per batch",
  native: "StartTraceV3 plus a traces.json upload per trace",
};

/** Which export path `init()` will use on this server, and why. */
export async function checkTransport(ctx: MlflowContext, version: string): Promise<{ outcome: Outcome; transport?: "otlp" | "native" }> {
  const mode = ctx.resolved.transport;
  const kind = (await chooseTransport(ctx.http, mode)) instanceof OtlpTransport ? "otlp" : "native";
  const info = await probe(ctx.http.fetch, `${ctx.http.trackingUri}/api/3.0/mlflow/server-info`, { headers: ctx.http.headers }, ctx.timeoutMs);
  let store = "unknown store";
  if (info.ok && info.status === 200) {
    try {
      store = (JSON.parse(info.text) as { store_type?: string }).store_type ?? store;
    } catch {
      // keep "unknown"
    }
  }
  const details = { transport: kind, mode, storeType: store };
  if (mode === "auto") {
    const why = kind === "native" ? " (OTLP needs MLflow 3.12+ with a SQL store)" : "";
    return { outcome: pass(`${kind} (${DESCRIPTION[kind]}), chosen automatically: MLflow ${version} (${store})${why}`, details), transport: kind };
  }
  const setting = settingName("transport", ctx.given.transport !== undefined, ctx.labels);
  const [major = 0, minor = 0] = version.split(".").map((p) => Number.parseInt(p, 10));
  if (mode === "otlp" && (store !== "SqlStore" || major < 3 || (major === 3 && minor < 12))) {
    return {
      outcome: fail(`${setting} is otlp, but MLflow ${version} with ${store} cannot take OTLP/JSON traces`, `Set ${setting} to auto (or native): OTLP needs MLflow 3.12+ with a SQL store.`, details),
    };
  }
  return { outcome: pass(`${kind} (${DESCRIPTION[kind]}), set by ${setting}`, details), transport: kind };
}
