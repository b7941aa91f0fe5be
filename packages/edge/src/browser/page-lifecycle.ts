import { flushTraces } from "@kong-mlflow/core";
import { endOpenSpans, trackOpenTraces } from "./open-traces";

/** True where there is a page to watch (browsers, not workers). @internal */
export const isBrowserPage = (): boolean => typeof addEventListener === "function" && !!globalThis.document;

/**
 * Flushes when the page is hidden (`visibilitychange`, the last event a
 * mobile browser reliably fires) and when it is left (`pagehide`). When the
 * page is really going away (`pagehide` and not kept in the back/forward
 * cache), spans still open are ended and marked first, so their traces go out
 * too. Exports started here use `keepalive`, so they outlive the page.
 * Installed once per page; `init` calls it in browsers only. @internal
 */
export function installPageLifecycle(): void {
  // the open traces are tracked from the first install on
  const open = trackOpenTraces();
  if (!open) return;
  addEventListener("visibilitychange", () => {
    if (document.visibilityState === "hidden") void flushTraces();
  });
  addEventListener("pagehide", (event) => {
    if (!event.persisted) endOpenSpans(open);
    void flushTraces();
  });
}
