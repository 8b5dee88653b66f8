// Follows one sidecar output file (see sidecar-output.ts) into the log pipeline: reads what was
// appended since the last poll, from a fixed buffer, and hands decoded text on. A file that got
// shorter was truncated (start over at 0); one whose inode changed was replaced (drain the old
// one, then follow the new). When it passes `maxBytes` and everything has been read, it is
// truncated in place: the sidecar appends (O_APPEND), so its next write lands at offset 0.
import { closeSync, fstatSync, openSync, readSync, statSync, truncateSync } from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface OutputFileTailOptions {
  pollMs: number;
  maxBytes: number;
}

const CHUNK_BYTES = 64 * 1024;
/** Reads per poll at most: a flood is caught up over a few polls instead of blocking the loop. */
const MAX_CHUNKS_PER_POLL = 16;

export class OutputFileTail {
  private fd: number | null = null;
  private ino = -1;
  private offset = 0;
  private decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  private readonly buffer = Buffer.allocUnsafe(CHUNK_BYTES);
  /** The last read error, reported once by the owner. */
  lastError: string | null = null;

  constructor(
    readonly path: string,
    private readonly onText: (text: string) => void,
    private readonly options: OutputFileTailOptions,
  ) {}

  /** Starts following, `fromOffset` bytes in (clamped to the file's size). */
  start(fromOffset: number): void {
    this.stop(false);
    this.open();
    if (this.fd !== null) this.offset = Math.min(fromOffset, fstatSync(this.fd).size);
    this.timer = setInterval(() => this.poll(), this.options.pollMs);
    this.timer.unref();
  }

  /** Reads what is left (`drain`), then stops. */
  stop(drain = true): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    if (drain) this.poll(Number.POSITIVE_INFINITY);
    const rest = this.decoder.end();
    if (rest) this.onText(rest);
    this.decoder = new StringDecoder('utf8');
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  poll(maxChunks = MAX_CHUNKS_PER_POLL): void {
    try {
      if (this.fd === null && !this.open()) return;
      this.readAvailable(maxChunks);
      const onDisk = statSync(this.path, { throwIfNoEntry: false });
      if (onDisk && onDisk.ino !== this.ino) {
        // Replaced (rotated by someone else): the old file is drained above; follow the new one.
        closeSync(this.fd!);
        this.fd = null;
        if (this.open()) this.readAvailable(maxChunks);
        return;
      }
      if (this.offset >= this.options.maxBytes && this.offset >= fstatSync(this.fd!).size) {
        truncateSync(this.path, 0);
        this.offset = 0;
      }
    } catch (err) {
      this.lastError = (err as Error).message;
    }
  }

  private open(): boolean {
    try {
      this.fd = openSync(this.path, 'r');
      this.ino = fstatSync(this.fd).ino;
      this.offset = 0;
      return true;
    } catch {
      this.fd = null;
      return false;
    }
  }

  private readAvailable(maxChunks: number): void {
    const fd = this.fd!;
    const size = fstatSync(fd).size;
    if (size < this.offset) this.offset = 0; // truncated
    for (let i = 0; i < maxChunks && this.offset < size; i++) {
      const n = readSync(fd, this.buffer, 0, CHUNK_BYTES, this.offset);
      if (n <= 0) break;
      this.offset += n;
      this.onText(this.decoder.write(this.buffer.subarray(0, n)));
    }
  }
}
