// Optional on-disk copy of a service's (already redacted) output: <dir>/<name>.log rotated to
// .1 … .N-1 when it passes maxBytes. Writes are buffered and flushed on a timer so a log flood
// costs one append per interval, not one syscall per line.
import { appendFileSync, mkdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface RotatingLogFileOptions {
  dir: string;
  name: string;
  maxBytes: number;
  maxFiles: number;
  flushIntervalMs?: number;
}

export class RotatingLogFile {
  private buffer: string[] = [];
  private size: number;
  private readonly timer: NodeJS.Timeout;
  readonly path: string;
  /** The last write error, if any (disk full, directory removed); logging keeps going in memory. */
  lastError: string | null = null;

  constructor(private readonly options: RotatingLogFileOptions) {
    mkdirSync(options.dir, { recursive: true });
    this.path = join(options.dir, `${options.name}.log`);
    try {
      this.size = statSync(this.path).size;
    } catch {
      this.size = 0;
    }
    this.timer = setInterval(() => this.flush(), options.flushIntervalMs ?? 200);
    this.timer.unref();
  }

  write(line: string): void {
    this.buffer.push(line);
    if (this.buffer.length >= 4096) this.flush();
  }

  flush(): void {
    if (this.buffer.length === 0) return;
    const lines = this.buffer;
    this.buffer = [];
    try {
      // Fill the current file up to maxBytes, rotate, continue: every file stays within the cap
      // (except a single line longer than the cap, which gets a file of its own).
      let chunk = '';
      let chunkBytes = 0;
      for (const line of lines) {
        const entry = line + '\n';
        const bytes = Buffer.byteLength(entry);
        if (this.size + chunkBytes + bytes > this.options.maxBytes && this.size + chunkBytes > 0) {
          this.append(chunk, chunkBytes);
          chunk = '';
          chunkBytes = 0;
          this.rotate();
        }
        chunk += entry;
        chunkBytes += bytes;
      }
      this.append(chunk, chunkBytes);
      this.lastError = null;
    } catch (err) {
      this.lastError = (err as Error).message;
    }
  }

  private append(text: string, bytes: number): void {
    if (bytes === 0) return;
    appendFileSync(this.path, text);
    this.size += bytes;
  }

  close(): void {
    clearInterval(this.timer);
    this.flush();
  }

  private rotate(): void {
    const last = `${this.path}.${this.options.maxFiles - 1}`;
    rmSync(last, { force: true });
    for (let i = this.options.maxFiles - 2; i >= 1; i--) {
      try {
        renameSync(`${this.path}.${i}`, `${this.path}.${i + 1}`);
      } catch {
        // That generation does not exist yet.
      }
    }
    if (this.options.maxFiles > 1) renameSync(this.path, `${this.path}.1`);
    else rmSync(this.path, { force: true });
    this.size = 0;
  }
}
