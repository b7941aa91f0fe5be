import { describe, expect, it } from "vitest";
import { thrownMessage } from "./thrown-message";

describe("thrownMessage", () => {
  it("uses the message of errors and error-like objects", () => {
    expect(thrownMessage(new TypeError("bad"))).toBe("bad");
    expect(thrownMessage({ message: "plain" })).toBe("plain");
  });

  it("stringifies anything else", () => {
    expect(thrownMessage("text")).toBe("text");
    expect(thrownMessage(42)).toBe("42");
    expect(thrownMessage(undefined)).toBe("undefined");
    expect(thrownMessage(Symbol("s"))).toBe("Symbol(s)");
  });

  it("never throws, even for hostile values", () => {
    const hostile = new Proxy(
      {},
      {
        get() {
          throw new Error("trap");
        },
      },
    );
    expect(thrownMessage(hostile)).toBe("unknown error");
    const badToString = {
      toString() {
        throw new Error("x");
      },
    };
    expect(thrownMessage(badToString)).toBe("unknown error");
    const revocable = Proxy.revocable({}, {});
    revocable.revoke();
    expect(thrownMessage(revocable.proxy)).toBe("unknown error");
  });
});
