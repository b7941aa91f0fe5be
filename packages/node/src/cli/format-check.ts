import type { DoctorCheck, DoctorReport } from "@kong-mlflow/core";

const LABEL = { pass: "PASS", fail: "FAIL", skip: "SKIP" } as const;
const TITLE_WIDTH = 17;

/** One check as the CLI prints it: a status line, then an indented hint on failure or skip. */
export function formatCheck(check: DoctorCheck): string {
  const line = `${LABEL[check.status]}  ${check.title.padEnd(TITLE_WIDTH)} ${check.summary}`;
  return check.hint && check.status !== "pass" ? `${line}\n${" ".repeat(6 + TITLE_WIDTH + 1)}→ ${check.hint}` : line;
}

/** The closing line: counts, and what the exit code means. */
export function formatTotals(report: DoctorReport): string {
  const count = (status: DoctorCheck["status"]) => report.checks.filter((c) => c.status === status).length;
  const totals = `${count("pass")} passed, ${count("fail")} failed, ${count("skip")} skipped`;
  return report.ok ? `${totals}: all good.` : `${totals}: fix the FAIL lines above and run doctor again.`;
}
