import { CREDENTIALS_HINT, type MlflowContext, settingName } from "./doctor-context";
import { type Outcome, fail, pass } from "./check-outcome";
import { bodyMessage, probe } from "./http-probe";

interface Experiment {
  experiment_id?: string;
  name?: string;
  lifecycle_stage?: string;
}

/**
 * The experiment traces go to exists and is active. One given by name may
 * be missing: `init()` creates it on the first export, as the test trace will.
 */
export async function checkExperiment(ctx: MlflowContext): Promise<{ outcome: Outcome; experimentId?: string }> {
  const { resolved, http } = ctx;
  const byName = resolved.experimentId === undefined;
  const setting = byName
    ? settingName("experimentName", ctx.given.experimentName !== undefined, ctx.labels)
    : settingName("experimentId", ctx.given.experimentId !== undefined, ctx.labels);
  const path = byName
    ? `/api/2.0/mlflow/experiments/get-by-name?experiment_name=${encodeURIComponent(resolved.experimentName!)}`
    : `/api/2.0/mlflow/experiments/get?experiment_id=${encodeURIComponent(resolved.experimentId!)}`;
  const label = byName ? `experiment "${resolved.experimentName}"` : `experiment id ${resolved.experimentId}`;
  const answer = await probe(http.fetch, `${http.trackingUri}${path}`, { headers: http.headers }, ctx.timeoutMs);
  if (!answer.ok) return { outcome: fail(`could not look up ${label}: ${answer.error}`) };
  if (answer.status === 401 || answer.status === 403) {
    return { outcome: fail(`MLflow refused the credentials while looking up ${label} (HTTP ${answer.status})`, CREDENTIALS_HINT) };
  }
  const missing = answer.status === 404 || /RESOURCE_DOES_NOT_EXIST/.test(answer.text);
  if (missing && byName) {
    return { outcome: pass(`${label} does not exist yet; init() creates it on the first export (the test trace will)`, { experimentName: resolved.experimentName! }) };
  }
  if (missing) {
    return {
      outcome: fail(
        `${label} (${setting}) does not exist on ${http.trackingUri}: traces sent to it are refused`,
        `Set ${setting} to an existing experiment's id (the Default experiment is 0), or name one with MLFLOW_EXPERIMENT_NAME / --experiment-name to have it created.`,
      ),
    };
  }
  if (answer.status !== 200) return { outcome: fail(`could not look up ${label}: HTTP ${answer.status}: ${bodyMessage(answer.text)}`) };
  const experiment = (JSON.parse(answer.text) as { experiment?: Experiment }).experiment ?? {};
  const id = experiment.experiment_id ?? resolved.experimentId ?? "?";
  if (experiment.lifecycle_stage === "deleted") {
    return {
      outcome: fail(`${label} (${setting}) is deleted in MLflow: traces sent to it are refused`, "Restore it in the MLflow UI (or mlflow experiments restore), or pick another experiment."),
      experimentId: id,
    };
  }
  return { outcome: pass(`experiment "${experiment.name ?? "?"}" (id ${id}) exists`, { experimentId: id, experimentName: experiment.name ?? "" }), experimentId: id };
}
