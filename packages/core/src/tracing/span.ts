import { safeStringify } from "../serialize";
import { epochMs, msToNs } from "./clock";
import { SPAN_INPUTS_KEY, SPAN_OUTPUTS_KEY, SPAN_TYPE_KEY } from "./recorded-keys";
import { type SpanStatus, SpanStatusCode, normalizeStatusCode } from "./span-status";
import { MASK_FAILED, type RecordingPolicy } from "./recording-policy";
import type { SpanType } from "./span-type";

/** A point-in-time event on a span, such as an exception or a stream's first token. */
export interface SpanEvent {
  name: string;
  /** Epoch milliseconds (fractional). */
  timeMs: number;
  attributes: Record<string, unknown>;
}

/** How a span tells its trace that it started and ended. @internal */
export interface SpanOwner {
  readonly traceId: string;
  readonly otelTraceId: string;
  onSpanEnd(span: LiveSpan): void;
  serializeLimits(): { maxBytes?: number; maxStringLength?: number } | undefined;
  /** What this trace records (sampling, input/output switches, masking). */
  readonly policy: RecordingPolicy;
}

/** A span as its own methods see it: what it recorded, writable. */
type Recording = { -readonly [K in "endTimeMs" | "spanType" | "status" | "inputsJson" | "outputsJson"]: LiveSpan[K] } & {
  attributes: Record<string, unknown>;
  events: SpanEvent[];
};

/** The writable view of `span`, for the span's own methods. */
function recording(span: LiveSpan): Recording {
  return span as unknown as Recording;
}

/** Recorded JSON text parsed back, or undefined. */
function parsed(json: string | undefined): unknown {
  return json === undefined ? undefined : JSON.parse(json);
}

/** Options of {@link LiveSpan.end}. */
export interface EndSpanOptions {
  outputs?: unknown;
  attributes?: Record<string, unknown>;
  status?: SpanStatus | SpanStatusCode | "OK" | "ERROR" | "UNSET";
  /** Epoch nanoseconds; defaults to now. */
  endTimeNs?: number | bigint;
}

/**
 * A span that is being recorded. Mirrors MLflow's `LiveSpan`: set inputs,
 * outputs and attributes while it runs, then `end()` it exactly once (later
 * calls are ignored).
 *
 * Inputs and outputs are serialized when they are set, so later mutation of
 * the objects (a messages array the app keeps appending to) does not rewrite
 * what the span recorded.
 */
export class LiveSpan {
  // The constructor sets these; `declare` keeps the class from also
  // emitting field definitions for them.

  /** MLflow trace id, `tr-` + 32 hex. */
  declare readonly traceId: string;
  /** The OpenTelemetry (32-hex) form of the trace id, as used in `traceparent`. */
  declare readonly otelTraceId: string;
  /** 16-hex span id. */
  declare readonly spanId: string;
  /** Parent span id, or null for a trace's root span. */
  declare readonly parentId: string | null;
  /** Epoch milliseconds (fractional). */
  declare readonly startTimeMs: number;
  /** The span's name, shown in the MLflow UI. */
  declare name: string;
  /** The span type (see `SpanType`). */
  declare readonly spanType: SpanType;
  /** @internal The trace this span belongs to. */
  declare readonly _owner: SpanOwner;

  // What the span recorded: readonly to everyone else, written by the
  // span's own methods only (through `recording(this)`).

  /** End time in epoch milliseconds, or undefined while the span runs. */
  readonly endTimeMs: number | undefined;
  /** The current status. */
  readonly status: SpanStatus = { code: SpanStatusCode.UNSET };
  /** Attributes other than inputs and outputs. */
  readonly attributes: Readonly<Record<string, unknown>> = {};
  /** Events recorded so far. */
  readonly events: readonly SpanEvent[] = [];
  /** @internal Inputs as JSON text, for exporters. */
  readonly inputsJson: string | undefined;
  /** @internal Outputs as JSON text, for exporters. */
  readonly outputsJson: string | undefined;

  /** @internal Use `startSpan`, `withSpan` or `trace` to create spans. */
  constructor(owner: SpanOwner, spanId: string, parentId: string | null, name: string, spanType: SpanType, startTimeMs: number) {
    this._owner = owner;
    this.traceId = owner.traceId;
    this.otelTraceId = owner.otelTraceId;
    this.spanId = spanId;
    this.parentId = parentId;
    this.name = name;
    this.spanType = spanType;
    this.startTimeMs = startTimeMs;
  }

  /** Start time in epoch nanoseconds. */
  get startTimeNs(): bigint {
    return msToNs(this.startTimeMs);
  }

  /** True once `end()` has been called. */
  get ended(): boolean {
    return this.endTimeMs !== undefined;
  }

  /** The recorded inputs, parsed back from their serialized form. */
  get inputs(): unknown {
    return parsed(this.inputsJson);
  }

  /** The recorded outputs, parsed back from their serialized form. */
  get outputs(): unknown {
    return parsed(this.outputsJson);
  }

  /**
   * Records the span's inputs (any value; serialized safely now), unless
   * `init({ recordInputs: false })` or the trace was sampled out. A `mask`
   * given to `init()` sees the value first.
   */
  setInputs(inputs: unknown): this {
    return this.#record("inputs", inputs);
  }

  /** Records the span's outputs; the same switches and mask as {@link setInputs}. */
  setOutputs(outputs: unknown): this {
    return this.#record("outputs", outputs);
  }

  /** Serializes `value` (masked first, if a mask is set) as the span's inputs or outputs, if this trace records them. */
  #record(field: "inputs" | "outputs", value: unknown): this {
    const owner = this._owner;
    const policy = owner.policy;
    if (this.ended || !policy.sampled || !policy[field]) return this;
    if (policy.mask) {
      try {
        value = policy.mask(value, { field, spanName: this.name, spanType: this.spanType });
      } catch {
        value = MASK_FAILED;
      }
    }
    const json = safeStringify(value, owner.serializeLimits());
    if (field === "inputs") recording(this).inputsJson = json;
    else recording(this).outputsJson = json;
    return this;
  }

  /** Sets one attribute. Setting `mlflow.spanInputs` / `mlflow.spanOutputs` sets inputs / outputs. */
  setAttribute(key: string, value: unknown): this {
    if (this.ended) return this;
    if (key === SPAN_INPUTS_KEY) return this.setInputs(value);
    if (key === SPAN_OUTPUTS_KEY) return this.setOutputs(value);
    const attributes = recording(this).attributes;
    if (key === SPAN_TYPE_KEY && typeof value === "string") recording(this).spanType = value;
    else if (value === undefined) delete attributes[key];
    else attributes[key] = value;
    return this;
  }

  /** Sets several attributes. */
  setAttributes(attributes: Record<string, unknown>): this {
    try {
      for (const key of Object.keys(attributes)) this.setAttribute(key, attributes[key]);
    } catch {
      // an unreadable attributes object: keep what was set
    }
    return this;
  }

  /** Changes the span type. */
  setSpanType(spanType: SpanType): this {
    if (!this.ended) recording(this).spanType = spanType;
    return this;
  }

  /** Sets the status, from a code (`"OK"`, `"ERROR"`, `SpanStatusCode.*`) or a status object. */
  setStatus(status: SpanStatus | SpanStatusCode | "OK" | "ERROR" | "UNSET", description?: string): this {
    if (this.ended) return this;
    try {
      const isCode = typeof status === "string";
      const text = isCode ? description : status.description;
      const next: SpanStatus = { code: normalizeStatusCode(String(isCode ? status : status.code)) };
      if (text) next.description = String(text);
      recording(this).status = next;
    } catch {
      // an unreadable status object: keep the current status
    }
    return this;
  }

  /** Adds an event; `timeMs` defaults to now. */
  addEvent(event: { name: string; attributes?: Record<string, unknown>; timeMs?: number; timestampNs?: number | bigint }): this {
    if (this.ended) return this;
    const timeMs = event.timeMs ?? epochMs(event.timestampNs);
    try {
      const name = typeof event.name === "string" ? event.name : safeStringify(event.name);
      // copied now: a hostile or later-mutated object must not break or change the export
      recording(this).events.push({ name, timeMs, attributes: { ...event.attributes } });
    } catch {
      // an unreadable event: skip it
    }
    return this;
  }

  /**
   * Records an exception as an `exception` event (type, message, stack), the
   * form MLflow's UI counts as an error on the span. Does not change status.
   */
  recordException(error: unknown): this {
    let known: [type: string, message: string, stack?: string] | undefined;
    try {
      if (error instanceof Error) known = [error.name || error.constructor?.name || "Error", String(error.message), error.stack && String(error.stack)];
    } catch {
      // a hostile Error (a Proxy whose traps throw)
    }
    // Not an Error, or a hostile one: what can be known safely.
    const [type, message, stack] = known ?? [typeof error, safeStringify(error)];
    const attributes: Record<string, unknown> = { "exception.type": type, "exception.message": message };
    if (stack) attributes["exception.stacktrace"] = stack;
    return this.addEvent({ name: "exception", attributes });
  }

  /**
   * Ends the span. An UNSET status becomes OK. Only the first call counts.
   */
  end(options: EndSpanOptions = {}): void {
    if (this.ended) return;
    if (options.outputs !== undefined) this.setOutputs(options.outputs);
    if (options.attributes) this.setAttributes(options.attributes);
    if (options.status !== undefined) this.setStatus(options.status);
    const span = recording(this);
    if (span.status.code === SpanStatusCode.UNSET) span.status = { code: SpanStatusCode.OK };
    span.endTimeMs = epochMs(options.endTimeNs);
    this._owner.onSpanEnd(this);
  }
}
