import { createHash } from "node:crypto";
import { countTokens } from "./fake-text";

/** Default vector length when the request gives no `dimensions`. */
export function defaultEmbeddingDimensions(model: string): number {
  return model.includes("large") ? 3072 : 1536;
}

/**
 * A deterministic unit-length embedding of `input` for `model`: the values
 * come from sha256(model, input, block) and are rounded to float32, so the
 * same input always gives the same vector, different inputs different ones.
 */
export function fakeEmbedding(model: string, input: unknown, dimensions: number): number[] {
  const seed = `${model}\n${JSON.stringify(input)}`;
  const raw: number[] = [];
  for (let block = 0; raw.length < dimensions; block++) {
    const digest = createHash("sha256").update(`${seed}\n${block}`).digest();
    for (let i = 0; i + 4 <= digest.length && raw.length < dimensions; i += 4) {
      raw.push(digest.readUInt32LE(i) / 0xffffffff - 0.5);
    }
  }
  const norm = Math.sqrt(raw.reduce((sum, v) => sum + v * v, 0)) || 1;
  return raw.map((v) => Math.fround(v / norm));
}

/** Encodes a vector as OpenAI does for `encoding_format: "base64"` (float32 little-endian). */
export function embeddingToBase64(vector: readonly number[]): string {
  const buffer = Buffer.alloc(vector.length * 4);
  vector.forEach((v, i) => buffer.writeFloatLE(v, i * 4));
  return buffer.toString("base64");
}

function inputsOf(input: unknown): unknown[] {
  if (typeof input === "string") return [input];
  if (Array.isArray(input)) {
    // A flat array of numbers is one tokenised input; anything else is a batch.
    return input.length > 0 && input.every((v) => typeof v === "number") ? [input] : input;
  }
  return [];
}

/**
 * The `/v1/embeddings` response for a request body: one deterministic vector
 * per input (`dimensions` honoured, else 1536, or 3072 for `*-large`),
 * base64-encoded when `encoding_format` is `base64` (the openai SDK's
 * default). Usage counts words of string inputs and the length of token arrays.
 */
export function embeddingsResponse(body: Record<string, unknown>): Record<string, unknown> {
  const model = String(body.model ?? "");
  const dimensions = typeof body.dimensions === "number" ? body.dimensions : defaultEmbeddingDimensions(model);
  const base64 = body.encoding_format === "base64";
  const inputs = inputsOf(body.input);
  let tokens = 0;
  const data = inputs.map((input, index) => {
    tokens += typeof input === "string" ? countTokens(input) : Array.isArray(input) ? input.length : 0;
    const vector = fakeEmbedding(model, input, dimensions);
    return { object: "embedding", index, embedding: base64 ? embeddingToBase64(vector) : vector };
  });
  return { object: "list", data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}
