/** An OpenAI-shaped error body: `{"error":{"message","type","param","code"}}`. */
export function openAIErrorBody(
  message: string,
  type: string,
  param: string | null = null,
  code: string | null = null,
): { error: { message: string; type: string; param: string | null; code: string | null } } {
  return { error: { message, type, param, code } };
}

/** Masks an API key the way OpenAI error messages do (`wrong-key` → `wro****ey`). */
export function maskApiKey(key: string): string {
  return key.length <= 5 ? key : `${key.slice(0, 3)}****${key.slice(-2)}`;
}

/** OpenAI's 401 for a bad key (`code: "invalid_api_key"`), given the request's Authorization header. */
export function invalidApiKeyBody(authorization: string | undefined): ReturnType<typeof openAIErrorBody> {
  const key = (authorization ?? "").replace(/^Bearer\s+/i, "");
  if (key === "") {
    return openAIErrorBody(
      "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.",
      "invalid_request_error",
    );
  }
  return openAIErrorBody(
    `Incorrect API key provided: ${maskApiKey(key)}. You can find your API key at https://platform.openai.com/account/api-keys.`,
    "invalid_request_error",
    null,
    "invalid_api_key",
  );
}

/** OpenAI's 429 body for an exhausted requests-per-minute limit (`code: "rate_limit_exceeded"`). */
export function rateLimitBody(model: string): ReturnType<typeof openAIErrorBody> {
  return openAIErrorBody(
    `Rate limit reached for ${model} in organization org-standin on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.`,
    "requests",
    "requests",
    "rate_limit_exceeded",
  );
}

/** The HTML page an upstream (e.g. Cloudflare in front of OpenAI) sends with a 500. */
export const HTML_500_BODY =
  "<html>\r\n<head><title>500 Internal Server Error</title></head>\r\n<body>\r\n<center><h1>500 Internal Server Error</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n";
