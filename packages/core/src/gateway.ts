/**
 * `@kong-mlflow/core/gateway`: reading the gateway's signals from any
 * response yourself (e.g. in your own `fetch` wrapper). `tracedOpenAI` does
 * it for you, when a trace is exported. A subpath of its own, so the code
 * stays out of browser pages that do not call it (ADR 0010).
 *
 * @packageDocumentation
 */
export { gatewaySignals, parseLlmModelHeader } from "./gateway/gateway-signals";
