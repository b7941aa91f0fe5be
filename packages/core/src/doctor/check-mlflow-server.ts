import { CREDENTIALS_HINT, type MlflowContext, settingName } from "./doctor-context";
import { type Outcome, fail, pass } from "./check-outcome";
import { bodyMessage, probe } from "./http-probe";

/** MLflow answers `GET /version` with a 3.x version. */
export async function checkMlflowServer(ctx: MlflowContext): Promise<{ outcome: Outcome; version?: string }> {
  const uri = ctx.http.trackingUri;
  const setting = settingName("trackingUri", ctx.given.trackingUri !== undefined, ctx.labels);
  const answer = await probe(ctx.http.fetch, `${uri}/version`, { headers: ctx.http.headers }, ctx.timeoutMs);
  if (!answer.ok) {
    return { outcome: fail(`cannot reach MLflow at ${uri} (${setting}): ${answer.error}`, `Start the MLflow server (mlflow server --port 5000), or set ${setting} to where it runs.`) };
  }
  if (answer.status === 401 || answer.status === 403) {
    return { outcome: fail(`MLflow at ${uri} refused the credentials (HTTP ${answer.status})`, CREDENTIALS_HINT) };
  }
  const version = answer.text.trim();
  const match = /^(\d+)\.\d+/.exec(version);
  if (answer.status !== 200 || !match || version.length > 40) {
    return {
      outcome: fail(
        `${uri} (${setting}) answered GET /version with HTTP ${answer.status} ("${bodyMessage(answer.text).slice(0, 60)}"): not an MLflow tracking server`,
        `${setting} must be the MLflow server's base URL, e.g. http://127.0.0.1:5000 (no /api path, no #/ UI fragment).`,
      ),
    };
  }
  if (Number(match[1]) < 3) {
    return { outcome: fail(`MLflow ${version} at ${uri} is too old: kong-mlflow needs MLflow 3.0 or newer`, "Upgrade the server (pip install 'mlflow>=3')."), version };
  }
  return { outcome: pass(`MLflow ${version} answers at ${uri}`, { version, trackingUri: uri }), version };
}
