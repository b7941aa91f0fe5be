/** What a {@link MaskFunction} is asked to mask. */
export interface MaskContext {
  /** Which part of the span the value is. */
  field: "inputs" | "outputs";
  /** The span's name, e.g. `chat.completions.create`. */
  spanName: string;
  /** The span's type, e.g. `CHAT_MODEL`. */
  spanType: string;
}

/**
 * Rewrites a span's inputs or outputs before they are recorded (e.g. to
 * redact emails or account numbers). It gets the value the app passed, and
 * must not mutate it; what it returns is recorded instead. If it throws,
 * the field is recorded as `"[masking failed]"`, never unmasked.
 */
export type MaskFunction = (value: unknown, context: MaskContext) => unknown;

/** What spans record, fixed per trace when its root span starts. @internal */
export interface RecordingPolicy {
  /** Whether this trace is kept (sampling). Unsampled traces record nothing and are not exported. */
  sampled: boolean;
  inputs: boolean;
  outputs: boolean;
  mask: MaskFunction | undefined;
}

/** Records everything; the policy before `init()`. @internal */
export const RECORD_ALL: RecordingPolicy = Object.freeze({ sampled: true, inputs: true, outputs: true, mask: undefined });

/** The marker recorded when a mask function throws. */
export const MASK_FAILED = "[masking failed]";
