import type { DoctorCheck } from "./doctor-types";

/** A check's result before it is timed and labelled. @internal */
export type Outcome = Pick<DoctorCheck, "status" | "summary" | "hint" | "details">;

/** @internal */
export const pass = (summary: string, details?: DoctorCheck["details"]): Outcome => ({ status: "pass", summary, ...(details ? { details } : {}) });
/** @internal */
export const fail = (summary: string, hint?: string, details?: DoctorCheck["details"]): Outcome => ({ status: "fail", summary, ...(hint ? { hint } : {}), ...(details ? { details } : {}) });
/** @internal */
export const skip = (summary: string, hint?: string): Outcome => ({ status: "skip", summary, ...(hint ? { hint } : {}) });
