// Follows one sidecar output file (see sidecar-output.ts) into the log pipeline: reads what was
// appended since the last read, from a fixed buffer, and hands decoded text on. A file that got
// shorter was truncated (start over at 0); one whose inode changed was replaced (drain the old
// one, then follow the new). When it passes `maxBytes` and everything has been read, it is
// truncated in place: the sidecar appends (O_APPEND), so its next write lands at offset 0.
//
// Reads are driven by a file watcher (inotify on Linux): a quiet sidecar costs nothing, and a
// write is read within a few milliseconds. A slow backstop poll catches what a watcher can miss
// (a replaced file, a platform that reports late) and does the stat-based checks; without a
// watcher (none available, or it failed) the poll runs at `pollMs`. A read that finds nothing
// allocates nothing: it is one pread into the fixed buffer, not an fstat (six tails polling
// fstat/stat ten times a second were most of an idle companion's CPU time and garbage).
import {
  closeSync,
  fstatSync,
  openSync,
  readSync,
  statSync,
  truncateSync,
  watch,
  type FSWatcher,
} from 'node:fs';
import { StringDecoder } from 'node:string_decoder';

export interface OutputFileTailOptions {
  /** Poll interval when no watcher is available. */
  pollMs: number;
  maxBytes: number;
  /** Backstop poll while a watcher drives the reads (default 1 s). */
  watchedPollMs?: number;
  /** False: poll at `pollMs` only (tests, platforms where watching misbehaves). Default true. */
  watch?: boolean;
}

const CHUNK_BYTES = 64 * 1024;
/** Reads per pass at most: a flood is caught up over a few passes instead of blocking the loop. */
const MAX_CHUNKS_PER_POLL = 16;
/** Change events within this window share one read pass. */
const CHANGE_BATCH_MS = 5;
const DEFAULT_WATCHED_POLL_MS = 1_000;

/**
 * One timer for the backstop polls of every watched tail with the same interval: six tails on
 * separate 1 s timers woke the companion six times a second; together they wake it once.
 */
class SharedTicker {
  private readonly members = new Set<() => void>();
  private timer: NodeJS.Timeout | null = null;

  constructor(private readonly intervalMs: number) {}

  add(tick: () => void): void {
    this.members.add(tick);
    if (this.timer) return;
    this.timer = setInterval(() => {
      for (const member of [...this.members]) member();
    }, this.intervalMs);
    this.timer.unref();
  }

  delete(tick: () => void): void {
    this.members.delete(tick);
    if (this.members.size > 0 || !this.timer) return;
    clearInterval(this.timer);
    this.timer = null;
  }
}

const tickers = new Map<number, SharedTicker>();

function tickerFor(intervalMs: number): SharedTicker {
  let ticker = tickers.get(intervalMs);
  if (!ticker) tickers.set(intervalMs, (ticker = new SharedTicker(intervalMs)));
  return ticker;
}

export class OutputFileTail {
  private fd: number | null = null;
  private ino = -1;
  private offset = 0;
  private decoder = new StringDecoder('utf8');
  private timer: NodeJS.Timeout | null = null;
  /** This tail's membership of a shared backstop ticker, while it has a watcher. */
  private ticker: SharedTicker | null = null;
  private readonly backstop = (): void => this.poll();
  private watcher: FSWatcher | null = null;
  private readPending: NodeJS.Timeout | null = null;
  /** Between start() and stop(): only then are the watcher and timers (re)armed. */
  private following = false;
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
    this.following = true;
    this.watchFile();
    // Whatever was written before the watch existed (a sidecar's first lines, an adopted one's
    // backlog) raised no event: read it now.
    this.scheduleRead(0);
  }

  /** Reads what is left (`drain`), then stops. */
  stop(drain = true): void {
    this.following = false;
    this.stopTimers();
    this.unwatch();
    if (drain) this.poll(Number.POSITIVE_INFINITY);
    const rest = this.decoder.end();
    if (rest) this.onText(rest);
    this.decoder = new StringDecoder('utf8');
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }

  /** Reads what was appended, then checks for truncation, replacement and the size cap. */
  poll(maxChunks = MAX_CHUNKS_PER_POLL): void {
    try {
      if (this.fd === null) {
        if (!this.open()) return;
        // The file exists now: watch it (and poll slowly) from here on.
        this.watchFile();
      }
      this.readAvailable(maxChunks);
      const onDisk = statSync(this.path, { throwIfNoEntry: false });
      if (onDisk && onDisk.ino !== this.ino) {
        // Replaced (rotated by someone else): the old file is drained above; follow the new one.
        closeSync(this.fd!);
        this.fd = null;
        if (this.open()) {
          this.readAvailable(maxChunks);
          this.watchFile();
        }
        return;
      }
      const size = fstatSync(this.fd!).size;
      if (size < this.offset) {
        // Truncated by someone else: start over.
        this.offset = 0;
        this.readAvailable(maxChunks);
      }
      this.truncateWhenFull();
    } catch (err) {
      this.lastError = (err as Error).message;
    }
  }

  /** The cheap read of a change event: no stat, and nothing allocated when nothing was appended. */
  private readChanges(): void {
    this.readPending = null;
    try {
      if (this.fd === null) return;
      if (this.readAvailable(MAX_CHUNKS_PER_POLL)) this.scheduleRead(0); // more left: next pass
      this.truncateWhenFull();
    } catch (err) {
      this.lastError = (err as Error).message;
    }
  }

  private scheduleRead(delayMs: number): void {
    if (this.readPending) return;
    this.readPending = setTimeout(() => this.readChanges(), delayMs);
    this.readPending.unref();
  }

  /** The backstop poll: slow and shared while a watcher drives the reads, `pollMs` without one. */
  private armPoll(): void {
    this.stopPoll();
    if (!this.following) return;
    if (this.watcher) {
      this.ticker = tickerFor(this.options.watchedPollMs ?? DEFAULT_WATCHED_POLL_MS);
      this.ticker.add(this.backstop);
      return;
    }
    this.timer = setInterval(this.backstop, this.options.pollMs);
    this.timer.unref();
  }

  private stopPoll(): void {
    if (this.timer) clearInterval(this.timer);
    this.timer = null;
    this.ticker?.delete(this.backstop);
    this.ticker = null;
  }

  private stopTimers(): void {
    this.stopPoll();
    if (this.readPending) clearTimeout(this.readPending);
    this.readPending = null;
  }

  /** (Re)watches the path, then arms the poll to match. */
  private watchFile(): void {
    this.unwatch();
    if (this.following && this.options.watch !== false && this.fd !== null) {
      try {
        this.watcher = watch(this.path, { persistent: false }, () => this.scheduleRead(CHANGE_BATCH_MS));
        this.watcher.on('error', () => {
          // The watch is gone (file removed, watch limit): the poll takes over at its fast pace.
          this.unwatch();
          this.armPoll();
        });
      } catch {
        this.watcher = null;
      }
    }
    this.armPoll();
  }

  private unwatch(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  private truncateWhenFull(): void {
    if (this.offset < this.options.maxBytes) return;
    if (this.offset >= fstatSync(this.fd!).size) {
      truncateSync(this.path, 0);
      this.offset = 0;
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

  /** Reads from `offset` until the end or `maxChunks` reads; true when it stopped at the limit. */
  private readAvailable(maxChunks: number): boolean {
    const fd = this.fd!;
    for (let i = 0; i < maxChunks; i++) {
      const n = readSync(fd, this.buffer, 0, CHUNK_BYTES, this.offset);
      if (n <= 0) return false;
      this.offset += n;
      this.onText(this.decoder.write(this.buffer.subarray(0, n)));
    }
    return true;
  }
}
