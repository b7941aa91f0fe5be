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
import { requestAttributes } from "./call-attributes";
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
type Tagged = { [TRACED]?: true };
type Create = ((this: unknown, body: unknown, options?: RequestOptions) => unknown) & Tagged;
type Client = Tagged & { fetch?: typeof fetch & Tagged; fetchOptions?: RequestInit; withOptions?: (...args: unknown[]) => object; apiKey?: unknown; _options?: { defaultHeaders?: unknown } };

interface ApiPromiseLike<T = unknown> extends Promise<T> {
  _thenUnwrap<U>(transform: (data: T, props: { response?: Response }) => U): ApiPromiseLike<U>;
  asResponse(): Promise<Response>;
  parsedPromise?: Promise<unknown>;
}

/** Marks a function as ours, so that it is never wrapped twice. */
function tagged<T extends object>(fn: T): T & Tagged {
  (fn as Tagged)[TRACED] = true;
  return fn;
}

/**
 * `create`, traced. `hooked` is the client when its fetch is hooked: the hook
 * then reports each attempt and sends `traceparent` (a client without a
 * patchable fetch, not the OpenAI SDK, gets none).
 */
function traceCreate(original: Create, op: Operation, options: TracedOpenAIOptions, hooked: Client | undefined): Create {
  // The hooked client, when its hook is to send traceparent.
  const sendsTraceparent = options.traceparent !== false ? hooked : undefined;
  // Only chat and completion streams take `stream_options`.
  const addUsage = options.includeStreamUsage && (op.kind === "chat" || op.kind === "completion");
  return tagged(function (this: unknown, body: unknown, requestOptions?: RequestOptions) {
    if (runtime().options?.enabled === false) return original.call(this, body, requestOptions);
    let span: LiveSpan | undefined;
    let call: LlmCall;
    let isStream: boolean;
    let sentBody = body;
    let sentOptions = requestOptions;
    try {
      const params = body && typeof body === "object" ? (body as Record<string, unknown> & { stream_options?: { include_usage?: unknown } | null }) : undefined;
      isStream = params?.stream === true;
      span = createSpan({ name: op.name, spanType: op.spanType, inputs: body, attributes: requestAttributes(op, params) }, op.name);
      const fetchOptions = requestOptions?.fetchOptions as RequestInit | undefined;
      // `fetchOptions.headers` (the call's or the client's) replace the SDK's headers, and the hook never touches the caller's own.
      call = new LlmCall(span, op, sendsTraceparent && !fetchOptions?.headers && !sendsTraceparent.fetchOptions?.headers ? traceparentOf(span) : undefined);
      if (hooked) sentOptions = { ...requestOptions, fetchOptions: { ...fetchOptions, [CALL_KEY]: call } };
      if (addUsage && isStream && params!.stream_options?.include_usage === undefined) sentBody = { ...params, stream_options: { ...params!.stream_options, include_usage: true } };
    } catch {
      // Something unreadable (a hostile body or request options): the call goes out untraced, as written, and the span must not stay open.
      span?.end();
      return original.call(this, body, requestOptions);
    }

    let result: unknown;
    try {
      result = original.call(this, sentBody, sentOptions);
    } catch (error) {
      call.fail(error);
      throw error;
    }
    const onData = (data: unknown) => {
      try {
        if (isStream && isStreamLike(data)) instrumentStream(data, call);
        else call.end(data);
      } catch {
        // the caller gets its data whatever happens here
      }
    };
    const onError = (error: unknown) => call.fail(error);

    const api = result as ApiPromiseLike;
    if (typeof api?._thenUnwrap !== "function") {
      // Not the SDK's APIPromise (another OpenAI-compatible client): observe it as a plain promise.
      Promise.resolve(result).then(onData, onError);
      return result;
    }
    const observed = api._thenUnwrap((data, props) => {
      if (props?.response) call.onResponse(props.response);
      onData(data);
      return data;
    });
    api.asResponse().then((response) => {
      call.onResponse(response);
      const settle = () => {
        const parsed = observed.parsedPromise;
        // The body could still fail to parse (a non-JSON 200): the caller sees that error, and so does the span.
        if (parsed) parsed.then(undefined, onError);
        // Nobody asked for the parsed body (only `.asResponse()`): end the span without outputs.
        else call.endUnread();
      };
      // The usual `await create(...)` asked for the body long ago: no timer on that path.
      // Otherwise give the caller one macrotask to ask for it.
      if (observed.parsedPromise) settle();
      else setTimeout(settle, 0);
    }, onError);
    return observed;
  });
}

const CREDENTIAL_HEADER = /(api[-_]?key|authorization|token|secret|password)/i;

/** Registers the client's API key and credential-looking default headers, so they can never reach MLflow. */
function registerClientSecrets(client: Client): void {
  if (client.apiKey !== GATEWAY_MANAGED_API_KEY) registerSecret(client.apiKey as string);
  for (const [name, value] of Object.entries(client._options?.defaultHeaders ?? {})) {
    if (CREDENTIAL_HEADER.test(name)) registerSecret(value);
  }
}

/** The error for something that is not an OpenAI client, saying what it is. */
function notAClient(value: unknown): KongMlflowError {
  const name = Object(value) === value ? (value as object).constructor?.name : undefined;
  return new KongMlflowError(`tracedOpenAI expects an OpenAI client (new OpenAI({...})), got ${name ? `a ${name}` : value === null ? "null" : typeof value}.`);
}

/** The object holding `op`'s `create` on the client (`client.chat.completions` for `chat.completions.create`), if any. */
function resourceOf(client: object, op: Operation): { create: Create } | undefined {
  let node = client as Record<string, unknown> | undefined;
  for (const key of op.name.split(".").slice(0, -1)) node = node?.[key] as Record<string, unknown> | undefined;
  return typeof node?.create === "function" ? (node as { create: Create }) : undefined;
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
  const resources = OPERATIONS.map((op) => [client && resourceOf(client, op), op] as const).filter(([resource]) => resource);
  if (typeof client !== "object" || !resources.length) throw notAClient(client);
  const c = client as Client;
  if (c[TRACED]) return client;
  registerClientSecrets(c);

  const { fetch, withOptions } = c;
  const hooked = typeof fetch === "function" && Object.hasOwn(c, "fetch");
  if (hooked && !fetch[TRACED]) c.fetch = tagged(wrapFetch(fetch));
  for (const [resource, op] of resources) {
    if (!resource!.create[TRACED]) resource!.create = traceCreate(resource!.create, op, options, hooked ? c : undefined);
  }
  if (typeof withOptions === "function") {
    c.withOptions = function (this: unknown, ...args: unknown[]) {
      return tracedOpenAI(withOptions.apply(this, args), options);
    };
  }
  Object.defineProperty(c, TRACED, { value: true });
  return client;
}
