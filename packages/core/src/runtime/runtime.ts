import type { ContextManager } from "../context/context-manager";
import { SyncContextManager } from "../context/sync-context-manager";
import type { ResolvedTracingOptions } from "../config/tracing-options";
import type { Pipeline } from "../export/deferred-pipeline";
import type { FinishedTrace } from "../tracing/finished-trace";
import type { TraceState } from "../tracing/trace-state";

/**
 * Process-wide tracing state. It lives on `globalThis` under a registered
 * symbol, so the ESM and CJS builds (or two copies of the package) share one
 * configuration, one context and one export queue. @internal
 */
export interface Runtime {
  contextManager: ContextManager;
  options?: ResolvedTracingOptions;
  pipeline?: Pipeline;
  /** Traces finished before `init()` was called; handed over by `init()`. */
  early: FinishedTrace[];
  lastTraceId?: string;
  /** Credentials that must never reach MLflow (see `registerSecret`). */
  secrets: Set<string>;
  /** Called with each new trace as its root span starts (the edge package tracks open traces in browsers). */
  onTraceStart?: (trace: TraceState) => void;
  /**
   * The trace relay this runtime sends to instead of MLflow (set by the edge
   * package's `init({ relayUrl })`); `logFeedback` / `logExpectation` go
   * through it too.
   */
  relay?: RelayEndpoint;
}

/** A trace relay's address, as the edge package's `init({ relayUrl })` sets it. @internal */
export interface RelayEndpoint {
  /** Absolute URL of the relay route. */
  url: string;
  headers: Record<string, string>;
  fetch: typeof fetch;
}

const KEY = Symbol.for("kong-mlflow.runtime.v1");

/** The shared runtime state. @internal */
export function runtime(): Runtime {
  return ((globalThis as unknown as Record<symbol, Runtime | undefined>)[KEY] ??= { contextManager: new SyncContextManager(), early: [], secrets: new Set() });
}

/**
 * Installs the context manager that carries the active span across `await`.
 * `@kong-mlflow/node` and `@kong-mlflow/edge` call this on import.
 */
export function setContextManager(manager: ContextManager): void {
  runtime().contextManager = manager;
}
