/**
 * Keeps the last `maxLines` lines written to it (e.g. a child process's stdout and stderr),
 * for error messages.
 */
export class OutputTail {
  private readonly lines: string[] = [];
  private partial = "";

  constructor(private readonly maxLines = 40) {}

  /** Appends a chunk of output; lines may span chunks. */
  push(chunk: string | Buffer): void {
    const text = this.partial + chunk.toString();
    const parts = text.split(/\r?\n/);
    this.partial = parts.pop() ?? "";
    for (const line of parts) {
      this.lines.push(line);
      if (this.lines.length > this.maxLines) this.lines.shift();
    }
  }

  /** The kept lines, including an unterminated last line. */
  text(): string {
    const all = this.partial ? [...this.lines, this.partial] : this.lines;
    return all.slice(-this.maxLines).join("\n");
  }

  /** True if any kept line matches `pattern`. */
  matches(pattern: RegExp): boolean {
    return pattern.test(this.text());
  }
}
