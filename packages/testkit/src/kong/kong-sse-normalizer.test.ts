import { describe, expect, it } from "vitest";
import { KongSseNormalizer } from "./kong-sse-normalizer";

describe("KongSseNormalizer", () => {
  it("re-emits each event as data-only frames and writes [DONE] without a trailing newline", () => {
    const n = new KongSseNormalizer(true);
    expect(n.push('data: {"a":1}\n\ndata: {"b":2}\n\n')).toBe('data: {"a":1}\n\ndata: {"b":2}\n\n');
    expect(n.push("data: [DONE]\n\n")).toBe("data: [DONE]");
  });

  it("writes [DONE] with \\n\\n when the quirk is off", () => {
    expect(new KongSseNormalizer(false).push("data: [DONE]\n\n")).toBe("data: [DONE]\n\n");
  });

  it("drops event: and id: lines, comments and data-less events", () => {
    const n = new KongSseNormalizer(true);
    const out = n.push('event: response.created\nid: 7\ndata: {"type":"x"}\n\n: keep-alive\n\nevent: ping\n\n');
    expect(out).toBe('data: {"type":"x"}\n\n');
  });

  it("holds an event split across chunks until it is complete", () => {
    const n = new KongSseNormalizer(true);
    expect(n.push('data: {"hel')).toBe("");
    expect(n.push('lo":1}\n')).toBe("");
    expect(n.push('\ndata: {"x"')).toBe('data: {"hello":1}\n\n');
    expect(n.push(":2}\r\n\r\n")).toBe('data: {"x":2}\n\n');
  });

  it("keeps multi-byte characters split across chunks intact", () => {
    const n = new KongSseNormalizer(true);
    const bytes = Buffer.from('data: {"t":"é"}\n\n');
    const cut = bytes.indexOf(0xc3) + 1;
    expect(n.push(bytes.subarray(0, cut))).toBe("");
    expect(n.push(bytes.subarray(cut))).toBe('data: {"t":"é"}\n\n');
  });

  it("passes non-JSON payloads through unchanged (openai driver)", () => {
    expect(new KongSseNormalizer(true).push("data: not json\n\n")).toBe("data: not json\n\n");
  });
});
