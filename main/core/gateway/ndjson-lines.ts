// Splits an NDJSON byte stream into lines as chunks arrive. Chunk boundaries can fall inside a
// line or inside a multi-byte UTF-8 sequence; the streaming TextDecoder keeps partial sequences.
export class NdjsonLineSplitter {
  private readonly decoder = new TextDecoder('utf-8', { fatal: false });
  private pending = '';

  /** Complete, non-blank lines finished by this chunk. */
  push(chunk: Uint8Array): string[] {
    this.pending += this.decoder.decode(chunk, { stream: true });
    const lines: string[] = [];
    let newline = this.pending.indexOf('\n');
    while (newline >= 0) {
      const line = this.pending.slice(0, newline).replace(/\r$/, '');
      if (line.trim() !== '') lines.push(line);
      this.pending = this.pending.slice(newline + 1);
      newline = this.pending.indexOf('\n');
    }
    return lines;
  }

  /** At end of stream: a last line without its newline (blank when the stream ended cleanly). */
  finish(): string {
    const rest = (this.pending + this.decoder.decode()).replace(/\r$/, '');
    this.pending = '';
    return rest.trim();
  }
}
