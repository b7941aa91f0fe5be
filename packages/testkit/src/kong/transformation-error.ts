/**
 * The error ai-proxy's `normalize-json-response` reports for an upstream 200
 * it cannot use (openai driver `from_format`), or undefined when the body is
 * fine: `transformation failed from type <provider>://<route>: failed to decode <route> response`
 * for non-JSON, `...: 'choices' not in <route> response` without `choices`.
 * Kong answers 500 `{"error":{"message":...}}` with it.
 */
export function transformationError(body: Buffer, provider: string, routeType: string): string | undefined {
  let reason: string | undefined;
  try {
    const parsed = JSON.parse(body.toString("utf8")) as unknown;
    const choices = parsed && typeof parsed === "object" ? (parsed as { choices?: unknown }).choices : undefined;
    if (choices === undefined || choices === null) reason = `'choices' not in ${routeType} response`;
  } catch {
    reason = `failed to decode ${routeType} response`;
  }
  return reason === undefined ? undefined : `transformation failed from type ${provider}://${routeType}: ${reason}`;
}
