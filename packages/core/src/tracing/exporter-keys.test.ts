import { describe, expect, it } from "vitest";
import * as publicKeys from "./attribute-keys";
import * as exporterKeys from "./exporter-keys";

describe("exporter-keys", () => {
  it("is the same as the public key tables", () => {
    expect(exporterKeys.SpanAttributeKey).toStrictEqual(publicKeys.SpanAttributeKey);
    expect(exporterKeys.TraceMetadataKey).toStrictEqual(publicKeys.TraceMetadataKey);
    expect(exporterKeys.TraceTagKey).toStrictEqual(publicKeys.TraceTagKey);
  });
});
