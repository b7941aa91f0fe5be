import type { KongRouteType } from "./kong-standin-config";

/** The provider operation path per route type (openai driver `operation_map`). */
export const OPENAI_OPERATION_PATHS: Readonly<Record<KongRouteType, string>> = {
  "llm/v1/chat": "/v1/chat/completions",
  "llm/v1/completions": "/v1/completions",
  "llm/v1/embeddings": "/v1/embeddings",
  "llm/v1/responses": "/v1/responses",
};

/**
 * The route type for a request path in `auto` mode: the path tail decides
 * (`/embeddings`, `/responses`, `/completions` other than `/chat/completions`);
 * anything else is `llm/v1/chat`, since the chat route ignores the path.
 */
export function routeTypeForPath(pathname: string): KongRouteType {
  const path = pathname.replace(/\/+$/, "");
  if (path.endsWith("/embeddings")) return "llm/v1/embeddings";
  if (path.endsWith("/responses")) return "llm/v1/responses";
  if (path.endsWith("/completions") && !path.endsWith("/chat/completions")) return "llm/v1/completions";
  return "llm/v1/chat";
}
