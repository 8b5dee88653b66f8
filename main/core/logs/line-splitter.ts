// Turns a pipe's chunks into lines without ever holding more than one overlong line's prefix:
// a child that prints megabytes without a newline must not grow our memory.

export class LineSplitter {
  private partial = '';
  private partialTruncated = false;

  constructor(
    private readonly onLine: (line: string, truncated: boolean) => void,
    private readonly maxLineChars = 8 * 1024,
  ) {}

  push(chunk: string): void {
    let start = 0;
    for (;;) {
      const nl = chunk.indexOf('\n', start);
      if (nl < 0) break;
      if (this.partial.length === 0 && !this.partialTruncated && nl - start <= this.maxLineChars) {
        // The common case (a whole line inside one chunk): one slice, no concatenation.
        const end = nl > start && chunk.charCodeAt(nl - 1) === 13 /* \r */ ? nl - 1 : nl;
        this.onLine(chunk.slice(start, end), false);
      } else {
        this.append(chunk.slice(start, nl));
        this.emit();
      }
      start = nl + 1;
    }
    if (start < chunk.length) this.append(chunk.slice(start));
  }

  /** Emits whatever is left (the pipe closed without a final newline). */
  flush(): void {
    if (this.partial.length > 0 || this.partialTruncated) this.emit();
  }

  private append(text: string): void {
    if (this.partialTruncated) return;
    const room = this.maxLineChars - this.partial.length;
    if (text.length > room) {
      this.partial += text.slice(0, room);
      this.partialTruncated = true;
    } else {
      this.partial += text;
    }
  }

  private emit(): void {
    let line = this.partial;
    if (line.endsWith('\r')) line = line.slice(0, -1);
    const truncated = this.partialTruncated;
    this.partial = '';
    this.partialTruncated = false;
    this.onLine(line, truncated);
  }
}
