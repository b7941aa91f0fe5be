/**
 * A value that `JSON.stringify` renders faithfully and `JSON.parse` gives
 * back unchanged: the output type of {@link toJsonSafe}.
 */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };
