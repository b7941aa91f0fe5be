import { describe, expect, it } from "vitest";
import { AssessmentLoggingError } from "./assessment-logging-error";
import { assessmentFromWire, expectationToWire, feedbackToWire } from "./assessment-wire";

const traceId = "tr-0123456789abcdef0123456789abcdef";

function refusal(fn: () => unknown): AssessmentLoggingError {
  try {
    fn();
  } catch (error) {
    expect(AssessmentLoggingError.isInstance(error)).toBe(true);
    expect((error as AssessmentLoggingError).errorCode).toBe("INVALID_PARAMETER_VALUE");
    return error as AssessmentLoggingError;
  }
  throw new Error("expected a throw");
}

describe("feedbackToWire", () => {
  it("builds MLflow's request with MLflow's defaults", () => {
    expect(feedbackToWire({ traceId, value: true })).toEqual({
      assessment_name: "feedback",
      trace_id: traceId,
      source: { source_type: "CODE", source_id: "default" },
      feedback: { value: true },
    });
    expect(
      feedbackToWire({
        traceId,
        name: "user_satisfaction",
        value: { stars: 4, tags: ["fast"] },
        rationale: "solved it",
        source: { sourceType: "HUMAN", sourceId: "alice" },
        spanId: "0123456789ABCDEF",
        metadata: { page: "/chat" },
      }),
    ).toEqual({
      assessment_name: "user_satisfaction",
      trace_id: traceId,
      source: { source_type: "HUMAN", source_id: "alice" },
      feedback: { value: { stars: 4, tags: ["fast"] } },
      rationale: "solved it",
      span_id: "0123456789abcdef",
      metadata: { page: "/chat" },
    });
  });

  it("records an error instead of a value, with the stack cut to 10 000 characters", () => {
    const error = new RangeError("judge timed out");
    error.stack = `RangeError: judge timed out\n${"x".repeat(20_000)}`;
    const wire = feedbackToWire({ traceId, name: "faithfulness", error, source: { sourceType: "AI_JUDGE" as "LLM_JUDGE" } });
    expect(wire.source).toEqual({ source_type: "LLM_JUDGE", source_id: "default" });
    expect(wire.feedback!.error!.error_code).toBe("RangeError");
    expect(wire.feedback!.error!.error_message).toBe("judge timed out");
    expect(wire.feedback!.error!.stack_trace).toHaveLength(10_000);
    expect(wire.feedback!.error!.stack_trace!.startsWith("[Stack trace is truncated]")).toBe(true);
    expect(feedbackToWire({ traceId, error: "no answer" }).feedback).toEqual({ error: { error_code: "ASSESSMENT_ERROR", error_message: "no answer" } });
  });

  it("refuses bad options before sending, naming the option", () => {
    expect(refusal(() => feedbackToWire({ traceId })).message).toMatch(/logFeedback: give a value/);
    expect(refusal(() => feedbackToWire({ traceId: "", value: 1 })).message).toMatch(/traceId is required/);
    expect(refusal(() => feedbackToWire({ traceId, value: 1, name: " " })).message).toMatch(/name must be/);
    expect(refusal(() => feedbackToWire({ traceId, value: 1, source: { sourceType: "ROBOT" as "HUMAN" } })).message).toMatch(/"ROBOT" is not one of HUMAN, LLM_JUDGE, CODE/);
    expect(refusal(() => feedbackToWire({ traceId, value: 1, metadata: { n: 3 as unknown as string } })).message).toMatch(/"n" is number/);
    expect(refusal(() => feedbackToWire({ traceId, value: 1, spanId: "AQIDBAUGBwg=" })).message).toMatch(/spanId/);
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(refusal(() => feedbackToWire({ traceId, value: cyclic as never })).message).toMatch(/not JSON-serializable/);
  });
});

describe("expectationToWire", () => {
  it("sends primitives as values and structures as JSON text, as MLflow's SDKs do", () => {
    expect(expectationToWire({ traceId, name: "expected", value: "Paris" })).toEqual({
      assessment_name: "expected",
      trace_id: traceId,
      source: { source_type: "HUMAN", source_id: "default" },
      expectation: { value: "Paris" },
    });
    expect(expectationToWire({ traceId, name: "facts", value: ["a", { b: 1 }] }).expectation).toEqual({
      serialized_value: { serialization_format: "JSON_FORMAT", value: '["a",{"b":1}]' },
    });
    expect(refusal(() => expectationToWire({ traceId, name: "x", value: null })).message).toMatch(/value is required/);
  });
});

describe("assessmentFromWire", () => {
  it("reads feedback and expectations as MLflow returns them", () => {
    const feedback = assessmentFromWire(
      {
        assessment_id: "a-1",
        assessment_name: "thumbs",
        trace_id: traceId,
        span_id: "0536c98557423632",
        source: { source_type: "HUMAN", source_id: "alice" },
        create_time: "2026-11-29T05:09:06.868Z",
        last_update_time: "2026-11-29T05:09:06.868Z",
        feedback: { value: true },
        rationale: "good",
        metadata: { k: "v" },
        valid: true,
      },
      traceId,
    );
    expect(feedback).toEqual({
      kind: "feedback",
      assessmentId: "a-1",
      name: "thumbs",
      traceId,
      spanId: "0536c98557423632",
      source: { sourceType: "HUMAN", sourceId: "alice" },
      createTime: "2026-11-29T05:09:06.868Z",
      lastUpdateTime: "2026-11-29T05:09:06.868Z",
      metadata: { k: "v" },
      valid: true,
      value: true,
      rationale: "good",
    });
    const failed = assessmentFromWire({ assessment_name: "err", feedback: { value: null, error: { error_code: "X", error_message: "boom" } } }, traceId);
    expect(failed).toMatchObject({ kind: "feedback", traceId, error: { errorCode: "X", errorMessage: "boom" } });
    expect("value" in failed).toBe(false);
    const expectation = assessmentFromWire({ assessment_name: "e", expectation: { serialized_value: { serialization_format: "JSON_FORMAT", value: '{"a": [1, 2]}' } } }, traceId);
    expect(expectation).toMatchObject({ kind: "expectation", value: { a: [1, 2] } });
  });
});
