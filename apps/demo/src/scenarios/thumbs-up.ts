import { type Feedback, logFeedback } from "@kong-mlflow/node";

/**
 * A user's thumbs-up on an answer, recorded on its trace as MLflow feedback
 * (an assessment the MLflow UI shows next to the trace). The demo gives one
 * to the basic scenario's trace.
 */
export async function thumbsUp(traceId: string): Promise<Feedback> {
  // #region thumbs-up
  const feedback = await logFeedback({
    traceId,
    name: "user_satisfaction",
    value: true,
    rationale: "The answer was helpful.",
    source: { sourceType: "HUMAN", sourceId: "demo-user" },
  });
  // #endregion thumbs-up
  return feedback;
}
