const DATED_MODELS: Readonly<Record<string, string>> = {
  "gpt-4o": "gpt-4o-2024-08-06",
  "gpt-4o-mini": "gpt-4o-mini-2024-07-18",
  "gpt-4.1": "gpt-4.1-2025-04-14",
  "gpt-4.1-mini": "gpt-4.1-mini-2025-04-14",
  "gpt-4.1-nano": "gpt-4.1-nano-2025-04-14",
  "gpt-4-turbo": "gpt-4-turbo-2024-04-09",
  "gpt-4": "gpt-4-0613",
  "gpt-3.5-turbo": "gpt-3.5-turbo-0613",
  "gpt-3.5-turbo-instruct": "gpt-3.5-turbo-instruct:20230824-v2",
  "gpt-5": "gpt-5-2025-08-07",
  "gpt-5-mini": "gpt-5-mini-2025-08-07",
  "gpt-5-nano": "gpt-5-nano-2025-08-07",
  "o3-mini": "o3-mini-2025-01-31",
  "o4-mini": "o4-mini-2025-04-16",
};

/**
 * The model name the fake upstream writes in its response bodies, as real
 * OpenAI does: a requested alias resolves to a dated snapshot
 * (`gpt-4o` → `gpt-4o-2024-08-06`, `gpt-3.5-turbo` → `gpt-3.5-turbo-0613`).
 * Unknown and already-dated names (and embedding models) come back unchanged.
 */
export function toDatedModel(model: string): string {
  return DATED_MODELS[model] ?? model;
}
