import { describe, expect, it } from "vitest";
import { expectationToWire, feedbackToWire } from "../feedback/assessment-wire";
import { decodeAssessmentPayload } from "./relay-assessment";
import { RelayPayloadError } from "./relay-decode";

const traceId = "tr-0123456789abcdef0123456789abcdef";

function refusal(value: Record<string, unknown>): string {
  try {
    decodeAssessmentPayload(value);
  } catch (error) {
    expect(error).toBeInstanceOf(RelayPayloadError);
    expect((error as RelayPayloadError).status).toBe(400);
    return (error as Error).message;
  }
  throw new Error("expected a refusal");
}

describe("decodeAssessmentPayload", () => {
  it("passes what relayAssessmentSink sends, unchanged", () => {
    const feedback = feedbackToWire({ traceId, name: "thumbs", value: true, rationale: "ok", spanId: "0123456789abcdef", metadata: { page: "/" }, source: { sourceType: "HUMAN", sourceId: "u" } });
    expect(decodeAssessmentPayload({ traceId, assessment: feedback })).toEqual({ traceId, assessment: feedback });
    const expectation = expectationToWire({ traceId, name: "expected", value: { a: 1 } });
    expect(decodeAssessmentPayload({ traceId, assessment: expectation }).assessment).toEqual(expectation);
  });

  it("lets a page create assessments only: no ids, times, overrides or invalidation, and a known source", () => {
    const base = { assessment_name: "thumbs", feedback: { value: true } };
    expect(refusal({ traceId, assessment: { ...base, overrides: "a-123" } })).toMatch(/assessment\.overrides: not accepted through the relay/);
    expect(refusal({ traceId, assessment: { ...base, valid: false } })).toMatch(/assessment\.valid/);
    expect(refusal({ traceId, assessment: { ...base, assessment_id: "a-1" } })).toMatch(/assessment\.assessment_id/);
    expect(refusal({ traceId, assessment: { ...base, source: { source_type: "ROBOT" } } })).toMatch(/source_type: expected HUMAN, LLM_JUDGE or CODE/);
    expect(refusal({ traceId, assessment: { ...base, span_id: "AQIDBAUGBwg=" } })).toMatch(/span_id/);
    expect(refusal({ traceId, assessment: { ...base, expectation: { value: 1 } } })).toMatch(/not both/);
    expect(refusal({ traceId: "tr-x", assessment: base })).toMatch(/traceId/);
  });
});
