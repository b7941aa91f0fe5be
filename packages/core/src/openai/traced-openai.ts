import { KongMlflowError } from "../errors";
import { registerSecret } from "../export/secrets";
import { runtime } from "../runtime/runtime";
import type { LiveSpan } from "../tracing/span";
import { traceparentOf } from "../tracing/traceparent";
import { createSpan } from "../tracing/tracer";
import { GATEWAY_MANAGED_API_KEY } from "../gateway/kong-gateway";
import { CALL_KEY, wrapFetch } from "./fetch-hook";
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

type RequestOptions = { headers?: unknown; fetchOptions?: object } & Record<string, unknown>;
type Create = (this: unknown, body: unknown, options?: RequestOptions) => unknown;
type Tagged = { [TRACED]?: true };

interface ApiPromiseLike<T = unknown> extends Promise<T> {
  _thenUnwrap<U>(transform: (data: T, props: { response?: Response }) => U): ApiPromiseLike<U>;
  asResponse(): Promise<Response>;
  parsedPromise?: Promise<unknown>;
}

function isApiPromise(value: unknown): value is ApiPromiseLike {
  return !!value && typeof (value as ApiPromiseLike)._thenUnwrap === "function" && typeof (value as ApiPromiseLike).asResponse === "function";
}

/** The object holding `op`'s `create` on the client (`client.chat.completions` for `chat.completions.create`), if any. */
function resourceOf(client: object, op: Operation): Record<string, unknown> | undefined {
  let node: unknown = client;
  for (const key of op.name.split(".").slice(0, -1)) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as Record<string, unknown>)[key];
  }
  return node && typeof node === "object" && typeof (node as { create?: unknown }).create === "function" ? (node as Record<string, unknown>) : undefined;
}

/**
 * The request's headers plus one more (`name` lower-case), in the form they
 * came in (`Headers`, `[name, value]` pairs or a record), unless the caller
 * set that header already: the caller's value wins. Never mutates theirs.
 */
function headersWith(headers: unknown, name: string, value: string): unknown {
  if (typeof (headers as Headers | undefined)?.has === "function") {
    if ((headers as Headers).has(name)) return headers;
    const copy = new Headers(headers as Headers);
    copy.set(name, value);
    return copy;
  }
  if (Array.isArray(headers)) {
    return headers.some(([key]: [string]) => key.toLowerCase() === name) ? headers : [...headers, [name, value]];
  }
  const record = (headers ?? {}) as Record<string, unknown>;
  return Object.keys(record).some((key) => key.toLowerCase() === name) ? record : { [name]: value, ...record };
}

function addStreamUsage(op: Operation, body: unknown): unknown {
  if (op.kind !== "chat" && op.kind !== "completion") return body;
  const b = body as { stream?: unknown; stream_options?: { include_usage?: unknown } | null };
  if (b?.stream !== true || b.stream_options?.include_usage !== undefined) return body;
  return { ...b, stream_options: { ...(b.stream_options ?? {}), include_usage: true } };
}

function traceCreate(original: Create, op: Operation, options: TracedOpenAIOptions, fetchHooked: boolean): Create {
  const traced = function (this: unknown, body: unknown, requestOptions?: RequestOptions) {
    if (runtime().options?.enabled === false) return original.call(this, body, requestOptions);
    let span: LiveSpan | undefined;
    let call: LlmCall;
    let isStream: boolean;
    let sentBody = body;
    let sentOptions = requestOptions;
    try {
      const params = body && typeof body === "object" ? (body as Record<string, unknown>) : undefined;
      isStream = params?.stream === true;
      span = createSpan({ name: op.name, spanType: op.spanType, inputs: body, attributes: requestAttributes(op, params) }, op.name);
      call = new LlmCall(span, op, typeof params?.model === "string" ? params.model : undefined);
      if (options.traceparent !== false || fetchHooked) {
        sentOptions = { ...requestOptions };
        if (options.traceparent !== false) sentOptions.headers = headersWith(requestOptions?.headers, "traceparent", traceparentOf(span));
        if (fetchHooked) sentOptions.fetchOptions = { ...requestOptions?.fetchOptions, [CALL_KEY]: call };
      }
      if (options.includeStreamUsage) sentBody = addStreamUsage(op, body);
    } catch {
      // Something unreadable (a hostile body or request options): the call goes out untraced, as written, and the span must not stay open.
      span?.end();
      return original.call(this, body, requestOptions);
    }

    let result: unknown;
    try {
      result = original.call(this, sentBody, sentOptions);
    } catch (error) {
      call.finishWithError(error);
      throw error;
    }
    const onData = (data: unknown) => {
      try {
        if (isStream && isStreamLike(data)) instrumentStream(data, call);
        else call.finishWithData(data);
      } catch {
        // the caller gets its data whatever happens here
      }
    };
    const onError = (error: unknown) => call.finishWithError(error);

    if (!isApiPromise(result)) {
      // Not the SDK's APIPromise (another OpenAI-compatible client): observe it as a plain promise.
      Promise.resolve(result).then(onData, onError);
      return result;
    }
    const observed = result._thenUnwrap((data, props) => {
      if (props?.response) call.onResponseHeaders(props.response.status, props.response.headers);
      onData(data);
      return data;
    });
    result.asResponse().then((response) => {
      call.onResponseHeaders(response.status, response.headers);
      const settle = () => {
        const parsed = observed.parsedPromise;
        // The body could still fail to parse (a non-JSON 200): the caller sees that error, and so does the span.
        if (parsed) parsed.then(undefined, onError);
        // Nobody asked for the parsed body (only `.asResponse()`): end the span without outputs.
        else call.finishUnread();
      };
      // The usual `await create(...)` asked for the body long ago: no timer on that path.
      // Otherwise give the caller one macrotask to ask for it.
      if (observed.parsedPromise) settle();
      else setTimeout(settle, 0);
    }, onError);
    return observed;
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

/** The error for something that is not an OpenAI client, saying what it is. */
function notAClient(value: unknown, detail = ""): KongMlflowError {
  return new KongMlflowError(`tracedOpenAI expects an OpenAI client (new OpenAI({...})), got ${describe(value)}${detail}.`);
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
  if (!client || typeof client !== "object") throw notAClient(client);
  const resources = OPERATIONS.map((op) => ({ resource: resourceOf(client, op), op })).filter((r) => r.resource);
  if (resources.length === 0) throw notAClient(client, ` with none of ${OPERATIONS.map((op) => op.name).join(", ")}`);
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
    resource!.create = traceCreate(create, op, options, hooked);
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
