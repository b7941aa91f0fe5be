import { describe, expect, it } from "vitest";
import { packBodies } from "./pack-bodies";

describe("packBodies", () => {
  it("fills bodies in order up to the limit, counting the wrapper and the commas", () => {
    expect(packBodies(["aaaa", "bbbb", "cccc", "dd"], 20, 5)).toEqual([[0, 1, 2], [3]]);
    expect(packBodies(["aaaa", "bbbb"], 14, 5)).toEqual([[0], [1]]);
  });

  it("gives a trace too large for any body a body of its own", () => {
    expect(packBodies(["a", "x".repeat(50), "b"], 20, 5)).toEqual([[0], [1], [2]]);
    expect(packBodies([], 20, 5)).toEqual([]);
  });
});
