import { KongMlflowError } from "../errors";
import { registerSecret } from "../export/secrets";
import { runtime } from "../runtime/runtime";
import { nowMs } from "../tracing/clock";
import type { LiveSpan } from "../tracing/span";
import { traceparentOf } from "../tracing/traceparent";
import { createSpan } from "../tracing/tracer";
import { GATEWAY_MANAGED_API_KEY } from "../gateway/kong-gateway";
import { CALL_HEADER, registerCall, unregisterCall, wrapFetch } from "./fetch-hook";
import { LlmCall } from "./llm-call";
import { OPERATIONS, type Operation } from "./operations";
import { requestAttributes } from "./request-attributes";
import { instrumentStream, isStreamLike } from "./stream/instrument-stream";

/** Options of {@link tracedOpenAI}. */
export interface TracedOpenAIOptions {
  /**
   * Send a W3C `traceparent` header naming the call's span, so Kong's
   * OpenTelemetry spans join the same trace. Default true.
   */
  traceparent?: boolean;
  /**
   * Ask streaming chat and completion calls for a final usage chunk by
   * adding `stream_options.include_usage: true` when the request does not
   * set it. Off by default: it changes the request, some OpenAI-compatible
   * backends reject it, and its extra chunk has an empty `choices`, which
   * breaks loops that read `chunk.choices[0]` unguarded. Usage is recorded
   * whenever a stream carries it anyway.
   */
  includeStreamUsage?: boolean;
}

const TRACED = Symbol.for("kong-mlflow.openai.traced");

type Create = (this: unknown, body: unknown, options?: Record<string, unknown>) => unknown;
type Tagged = { [TRACED]?: true };

interface ApiPromiseLike<T = unknown> extends Promise<T> {
  _thenUnwrap<U>(transform: (data: T, props: { response?: Response }) => U): ApiPromiseLike<U>;
  asResponse(): Promise<Response>;
  parsedPromise?: unknown;
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  return !!value && typeof (value as ApiPromiseLike)._thenUnwrap === "function" && typeof (value as ApiPromiseLike).asResponse === "function";
}

function resourceAt(client: object, path: readonly string[]): Record<string, unknown> | undefined {
  let node: unknown = client;
  for (const key of path) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" && typeof (node as { create?: unknown }).create === "function" ? (node as Record<string, unknown>) : undefined;
}

function withHeaders(options: Record<string, unknown> | undefined, extra: Record<string, string>): Record<string, unknown> {
  const headers = options?.headers;
  let merged: unknown;
  if (headers && typeof (headers as Headers).forEach === "function" && typeof (headers as Headers).get === "function") {
    const copy = new Headers(headers as Headers);
    for (const [k, v] of Object.entries(extra)) if (!copy.has(k)) copy.set(k, v);
    merged = copy;
  } else if (Array.isArray(headers)) {
    const names = new Set(headers.map(([k]: [string]) => k.toLowerCase()));
    merged = [...headers, ...Object.entries(extra).filter(([k]) => !names.has(k))];
  } else {
    const record = (headers ?? {}) as Record<string, unknown>;
    const names = new Set(Object.keys(record).map((k) => k.toLowerCase()));
    merged = { ...Object.fromEntries(Object.entries(extra).filter(([k]) => !names.has(k))), ...record };
  }
  return { ...options, headers: merged };
}

function addStreamUsage(op: Operation, body: unknown): unknown {
  if (op.kind !== "chat" && op.kind !== "completion") return body;
  const b = body as { stream?: unknown; stream_options?: { include_usage?: unknown } | null };
  if (b?.stream !== true || b.stream_options?.include_usage !== undefined) return body;
  return { ...b, stream_options: { ...(b.stream_options ?? {}), include_usage: true } };
}

function traceCreate(original: Create, op: Operation, options: TracedOpenAIOptions, fetchHooked: () => boolean): Create {
  const traced = function (this: unknown, body: unknown, requestOptions?: Record<string, unknown>) {
    const rt = runtime();
    if (rt.options?.enabled === false) return original.call(this, body, requestOptions);
    let span: LiveSpan;
    let call: LlmCall;
    let callId: string | undefined;
    let sentBody = body;
    let sentOptions = requestOptions;
    try {
      const params = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
      span = createSpan({ name: op.name, spanType: op.spanType, inputs: body, attributes: requestAttributes(op, params) }, op.name);
      call = new LlmCall(span, op, typeof params?.model === "string" ? params.model : undefined, span.startTimeMs);
      const headers: Record<string, string> = {};
      if (options.traceparent !== false) headers.traceparent = traceparentOf(span);
      if (fetchHooked()) {
        callId = registerCall(call);
        headers[CALL_HEADER] = callId;
      }
      if (Object.keys(headers).length) sentOptions = withHeaders(requestOptions, headers);
      if (options.includeStreamUsage) sentBody = addStreamUsage(op, body);
    } catch {
      return original.call(this, body, requestOptions);
    }
    const release = () => callId !== undefined && unregisterCall(callId);

    let result: unknown;
    try {
      result = original.call(this, sentBody, sentOptions);
    } catch (error) {
      release();
      call.finishWithError(error);
      throw error;
    }
    const isStream = (body as { stream?: unknown } | undefined)?.stream === true;

    if (isApiPromise(result)) {
      const apiPromise = result;
      const observed = apiPromise._thenUnwrap((data, props) => {
        release();
        try {
          if (props?.response) call.onResponseHeaders(props.response.status, props.response.headers);
          if (isStream && isStreamLike(data)) instrumentStream(data, call);
          else call.finishWithData(data);
        } catch {
          // the caller gets its data whatever happens here
        }
        return data;
      });
      apiPromise.asResponse().then(
        (response) => {
          call.onResponseHeaders(response.status, response.headers);
          const settle = () => {
            const parsed = observed.parsedPromise as Promise<unknown> | undefined;
            if (parsed === undefined) {
              // Nobody asked for the parsed body (only `.asResponse()`): end the span without outputs.
              release();
              call.finishUnread();
            } else {
              // The body could still fail to parse (a non-JSON 200): the caller sees that error, and so does the span.
              parsed.then(undefined, (error: unknown) => {
                release();
                call.finishWithError(error);
              });
            }
          };
          // The usual `await create(...)` asked for the body long ago: no timer on that path.
          // Otherwise give the caller one macrotask to ask for it.
          if (observed.parsedPromise !== undefined) settle();
          else setTimeout(settle, 0);
        },
        (error: unknown) => {
          release();
          call.finishWithError(error);
        },
      );
      return observed;
    }

    // Not the SDK's APIPromise (another OpenAI-compatible client): observe it as a plain promise.
    Promise.resolve(result).then(
      (data) => {
        release();
        if (isStream && isStreamLike(data)) instrumentStream(data, call);
        else call.finishWithData(data);
      },
      (error: unknown) => {
        release();
        call.finishWithError(error);
      },
    );
    return result;
  };
  (traced as Tagged)[TRACED] = true;
  return traced as Create;
}

const CREDENTIAL_HEADER = /(api[-_]?key|authorization|token|secret|password)/i;

/** Registers the client's API key and credential-looking default headers, so they can never reach MLflow. */
function registerClientSecrets(client: { apiKey?: unknown; _options?: { defaultHeaders?: unknown } }): void {
  if (typeof client.apiKey === "string" && client.apiKey !== GATEWAY_MANAGED_API_KEY) registerSecret(client.apiKey);
  const headers = client._options?.defaultHeaders;
  if (headers && typeof headers === "object" && !Array.isArray(headers)) {
    for (const [name, value] of Object.entries(headers as Record<string, unknown>)) {
      if (CREDENTIAL_HEADER.test(name) && typeof value === "string") registerSecret(value);
    }
  }
}

function describe(value: unknown): string {
  if (value === null) return "null";
  if (typeof value !== "object" && typeof value !== "function") return typeof value;
  const name = (value as { constructor?: { name?: string } }).constructor?.name;
  return name ? `a ${name}` : "an object";
}

/**
 * Traces an OpenAI client (pointed at Kong, or anywhere OpenAI-compatible):
 * every `chat.completions.create`, `completions.create`,
 * `embeddings.create` and `responses.create` call, and the SDK helpers that
 * go through them (`parse`, `stream`, `runTools`), becomes an MLflow span
 * nested under the active span, carrying the gateway's signals.
 *
 * The client is instrumented in place and returned: same object, same
 * types. Results are the SDK's own (`.withResponse()` and `.asResponse()`
 * work; a stream is still the SDK's `Stream`). Wrapping twice changes
 * nothing. Requests are sent as written, plus a `traceparent` header
 * (switchable off) and the `includeStreamUsage` opt-in.
 *
 * @example
 * const client = tracedOpenAI(new OpenAI(kongGateway().clientOptions));
 * const res = await client.chat.completions.create({ model: "gpt-4o", messages });
 */
export function tracedOpenAI<T extends object>(client: T, options: TracedOpenAIOptions = {}): T {
  if (!client || typeof client !== "object") {
    throw new KongMlflowError(`tracedOpenAI expects an OpenAI client (new OpenAI({...})), got ${describe(client)}.`);
  }
  const resources = OPERATIONS.map(({ path, op }) => ({ resource: resourceAt(client, path), op })).filter((r) => r.resource);
  if (resources.length === 0) {
    throw new KongMlflowError(
      `tracedOpenAI expects an OpenAI client (new OpenAI({...})), got ${describe(client)} with none of chat.completions.create, completions.create, embeddings.create or responses.create.`,
    );
  }
  const c = client as T & Tagged & { fetch?: typeof fetch; withOptions?: (...args: unknown[]) => object; apiKey?: unknown; _options?: { defaultHeaders?: unknown } };
  if (c[TRACED]) return client;
  registerClientSecrets(c);

  let hooked = false;
  if (typeof c.fetch === "function" && Object.prototype.hasOwnProperty.call(c, "fetch")) {
    if (!(c.fetch as Tagged)[TRACED]) {
      const wrapped = wrapFetch(c.fetch) as typeof fetch & Tagged;
      wrapped[TRACED] = true;
      c.fetch = wrapped;
    }
    hooked = true;
  }
  for (const { resource, op } of resources) {
    const create = resource!.create as Create & Tagged;
    if (create[TRACED]) continue;
    resource!.create = traceCreate(create, op, options, () => hooked);
  }
  if (typeof c.withOptions === "function") {
    const withOptions = c.withOptions;
    c.withOptions = function (this: unknown, ...args: unknown[]) {
      return tracedOpenAI(withOptions.apply(this, args), options);
    };
  }
  Object.defineProperty(c, TRACED, { value: true, enumerable: false });
  return client;
}
