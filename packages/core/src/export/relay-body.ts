import { RelayPayloadError } from "./relay-decode";

/**
 * Reads a request body as text, refusing (413) more than `maxBytes`: first
 * by `Content-Length`, then while reading, so a lying or absent header does
 * not let a large body through. @internal
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = (size: string) => new RelayPayloadError(413, `the payload is ${size} bytes; this relay accepts at most ${maxBytes} bytes per request. Send fewer traces per request.`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge(String(declared));
  if (!request.body) return "";
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      void reader.cancel().catch(() => undefined);
      throw tooLarge(`more than ${maxBytes}`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw new RelayPayloadError(400, "the payload is not valid UTF-8 text.");
  }
}
