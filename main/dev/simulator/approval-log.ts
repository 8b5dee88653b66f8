// palyrad keeps approvals in its SQLite journal: recording a decision updates one row. The
// simulator keeps them as an append-only log of JSON lines, each the whole record as it is after a
// change (created, decided, timed out), replayed on start with the last line per approval winning.
// A decision therefore costs one short append and one fdatasync, whatever the journal holds
// (rewriting one file with every approval took ~200 ms per decision at 10,000).
//
// Appends made together (a batch of raised approvals) share one write and one sync; one no reply
// waits for is written within debounceMs, as the snapshot file's changes are. A line cut
// short by a crash mid-append is dropped on load and cut off the file before anything is appended
// after it. Superseded lines are dropped by rewriting the log (temp + fsync + rename, like the
// snapshot file) on start, when most of it is superseded.
import {
  closeSync,
  fsyncSync,
  mkdirSync,
  openSync,
  renameSync,
  rmSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ApprovalRecord } from './approval-store';
import type { TracingLog } from './log';
import { readTextIfExists } from './read-text';

export const APPROVAL_LOG_FILE_NAME = 'simulator-approvals.jsonl';

export interface LoadedApprovals {
  records: ApprovalRecord[];
  /** Lines read, superseded ones included. */
  lines: number;
}

function isRecord(value: unknown): value is ApprovalRecord {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const fields = value as Record<string, unknown>;
  return typeof fields.approval_id === 'string' && typeof fields.session_id === 'string';
}

export class ApprovalLog {
  /** Lines not yet handed to a write, oldest first. */
  private queued: string[] = [];
  /** The text of the append under way, until it is synced (flushSync writes it again if cut short). */
  private inFlight: string | null = null;
  private writing: Promise<void> = Promise.resolve();
  private handle: FileHandle | null = null;
  private closed = false;
  /** A write failed, maybe half-way: the next one starts on a fresh line. */
  private torn = false;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    readonly path: string,
    private readonly log: TracingLog,
    private readonly debounceMs = 100,
  ) {}

  /**
   * The records of earlier runs, null when there is no log. Unreadable lines other than a torn
   * last one are skipped; the file with them is kept aside for inspection (never overwritten)
   * and a clean log is written from what was readable.
   */
  load(): LoadedApprovals | null {
    const text = readTextIfExists(this.path);
    if (text === null) return null;
    const end = text.lastIndexOf('\n') + 1;
    if (end < text.length) {
      // A crash mid-append left a partial line, never acknowledged: cut it off, or the next
      // append would be glued to it.
      truncateSync(this.path, Buffer.byteLength(text.slice(0, end)));
      this.log.warn('approval log ended in a partial line; dropped it', { path: this.path });
    }
    const byId = new Map<string, ApprovalRecord>();
    let lines = 0;
    let unreadable = 0;
    for (const line of text.slice(0, end).split('\n')) {
      if (line === '') continue;
      lines += 1;
      let value: unknown;
      try {
        value = JSON.parse(line);
      } catch {
        value = null;
      }
      if (!isRecord(value)) {
        unreadable += 1;
        continue;
      }
      // Delete first so the map keeps the order of each approval's latest line.
      byId.delete(value.approval_id);
      byId.set(value.approval_id, value);
    }
    const records = [...byId.values()];
    if (unreadable > 0) {
      const aside = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, aside);
      this.log.warn('approval log had unreadable lines; kept aside, continuing with the rest', {
        path: this.path,
        moved_to: aside,
        unreadable_lines: unreadable,
      });
      this.rewrite(records);
    }
    return { records, lines };
  }

  /** A record was created or changed: its state now goes out with the next flush. */
  append(record: ApprovalRecord): void {
    // Serialised now: the record object keeps changing in memory.
    this.queued.push(JSON.stringify(record));
    // Written shortly even when no reply waits for it (an approval a chat run raised).
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
    this.timer.unref();
  }

  /** Resolves once every append so far is on disk: one write and one sync for all queued lines. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.queued.length > 0) {
      const text = `${this.queued.join('\n')}\n`;
      this.queued = [];
      this.writing = this.writing.then(() => this.appendAsync(text));
    }
    return this.writing;
  }

  /**
   * Last write on the way out; synchronous so process.exit cannot cut it short. It also writes an
   * append still in flight again (a duplicate line is harmless: the last one wins on load).
   */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    const pending = (this.inFlight ?? '') + (this.queued.length > 0 ? `${this.queued.join('\n')}\n` : '');
    // An append cut short may have left half a line: start on a fresh one (empty lines are skipped).
    const text = pending !== '' && (this.inFlight !== null || this.torn) ? `\n${pending}` : pending;
    this.queued = [];
    this.inFlight = null;
    this.closed = true;
    if (text === '') return;
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(this.path, 'a', 0o600);
      try {
        writeSync(fd, text);
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
    } catch (err) {
      this.log.warn('could not write approval log', { path: this.path, error: String(err) });
    }
  }

  /** Replaces the log with one line per record, atomically (on start, see the header); false if it could not. */
  rewrite(records: readonly ApprovalRecord[]): boolean {
    const temp = join(dirname(this.path), `.${basename(this.path)}.tmp-${process.pid}`);
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(temp, 'w', 0o600);
      try {
        for (let i = 0; i < records.length; i += 1000) {
          const chunk = records.slice(i, i + 1000).map((r) => JSON.stringify(r));
          writeSync(fd, `${chunk.join('\n')}\n`);
        }
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      syncDirectory(dirname(this.path));
      return true;
    } catch (err) {
      rmSync(temp, { force: true });
      this.log.warn('could not rewrite approval log', { path: this.path, error: String(err) });
      return false;
    }
  }

  private async appendAsync(text: string): Promise<void> {
    if (this.closed) return;
    this.inFlight = text;
    try {
      if (!this.handle) {
        mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
        this.handle = await open(this.path, 'a', 0o600);
        // The file may be new: its directory entry must survive a power loss too.
        syncDirectory(dirname(this.path));
      }
      await this.handle.write(this.torn ? `\n${text}` : text);
      await this.handle.datasync();
      this.torn = false;
      if (this.inFlight === text) this.inFlight = null;
    } catch (err) {
      // Tried again with the next flush (or flushSync on the way out), on a fresh line.
      this.torn = true;
      if (this.inFlight === text) {
        this.inFlight = null;
        this.queued.unshift(text.slice(0, -1));
      }
      await this.handle?.close().catch(() => undefined);
      this.handle = null;
      this.log.warn('could not write approval log', {
        path: this.path,
        error: err instanceof Error ? err.message : String(err),
      });
    }
  }
}

function syncDirectory(dir: string): void {
  const fd = openSync(dir, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
