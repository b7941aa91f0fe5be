import type { IncomingHttpHeaders, OutgoingHttpHeader, ServerResponse } from "node:http";

interface HeaderEntry {
  name: string;
  values: string[];
}

/**
 * An ordered, case-insensitive list of HTTP headers that keeps the spelling of
 * each name (so responses say `X-Kong-Request-Id`, as Kong writes it) and
 * allows repeated headers.
 */
export class HeaderList {
  readonly #entries = new Map<string, HeaderEntry>();

  /** Builds a list from Node's `rawHeaders` (alternating names and values). */
  static fromRaw(rawHeaders: readonly string[]): HeaderList {
    const list = new HeaderList();
    for (let i = 0; i + 1 < rawHeaders.length; i += 2) {
      list.append(rawHeaders[i] as string, rawHeaders[i + 1] as string);
    }
    return list;
  }

  /** Replaces every value of `name` with `value`. */
  set(name: string, value: string | number): this {
    this.#entries.set(name.toLowerCase(), { name, values: [String(value)] });
    return this;
  }

  /** Adds a value to `name`, keeping the existing ones. */
  append(name: string, value: string | number): this {
    const entry = this.#entries.get(name.toLowerCase());
    if (entry) entry.values.push(String(value));
    else this.set(name, value);
    return this;
  }

  /** The first value of `name`, or undefined. */
  get(name: string): string | undefined {
    return this.#entries.get(name.toLowerCase())?.values[0];
  }

  /** True when `name` is present. */
  has(name: string): boolean {
    return this.#entries.has(name.toLowerCase());
  }

  /** Removes `name`. */
  delete(name: string): this {
    this.#entries.delete(name.toLowerCase());
    return this;
  }

  /** Copies every header of `other` into this list, replacing same-named ones. */
  assign(other: HeaderList): this {
    for (const entry of other.#entries.values()) {
      this.#entries.set(entry.name.toLowerCase(), { name: entry.name, values: [...entry.values] });
    }
    return this;
  }

  /** The headers as `[name, value]` pairs, repeated names expanded. */
  entries(): Array<[string, string]> {
    const out: Array<[string, string]> = [];
    for (const entry of this.#entries.values()) {
      for (const value of entry.values) out.push([entry.name, value]);
    }
    return out;
  }

  /** Sets every header on a Node response that has not been sent yet. */
  applyTo(res: ServerResponse): void {
    for (const entry of this.#entries.values()) {
      const value: OutgoingHttpHeader = entry.values.length === 1 ? (entry.values[0] as string) : entry.values;
      res.setHeader(entry.name, value);
    }
  }
}

/** The first value of a header in Node's parsed request headers. */
export function firstHeader(headers: IncomingHttpHeaders, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
