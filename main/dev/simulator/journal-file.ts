// palyrad keeps sessions, transcripts and approvals in its SQLite journal, so they survive a
// restart. The simulator keeps sessions, transcripts and runs in one JSON file next to where that
// journal would be, replaced atomically (temp + fsync + rename), so a kill -9 leaves old or new,
// never half. Approvals, which can run to tens of thousands, are in an append-only log beside it
// (approval-log.ts); a file written before that holds them here too, and they are moved over.
import { closeSync, fsyncSync, mkdirSync, openSync, renameSync, rmSync, writeSync } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { z } from 'zod';
import type { ApprovalRecord } from './approval-store';
import type { RunRecord, SessionRecord, TranscriptRecord } from './chat-store';
import type { TracingLog } from './log';
import { readTextIfExists } from './read-text';

export const JOURNAL_FILE_NAME = 'simulator-journal.json';

export interface JournalData {
  sessions: SessionRecord[];
  transcripts: Record<string, TranscriptRecord[]>;
  /** Runs by session (absent in journals written before runs were kept). */
  runs?: Record<string, RunRecord[]>;
  /** Only in files written before approvals had their own log (approval-log.ts). */
  approvals?: ApprovalRecord[];
}

const journalSchema = z.object({
  version: z.literal(1),
  sessions: z.array(z.object({ session_id: z.string(), session_key: z.string() }).passthrough()),
  transcripts: z.record(
    z.string(),
    z.array(z.object({ session_id: z.string(), seq: z.number(), event_type: z.string() }).passthrough()),
  ),
  runs: z
    .record(z.string(), z.array(z.object({ run_id: z.string(), origin_kind: z.string() }).passthrough()))
    .optional(),
  approvals: z.array(z.object({ approval_id: z.string(), session_id: z.string() }).passthrough()).optional(),
});

/** PALYRA_JOURNAL_DB_PATH's directory, else $PALYRA_STATE_ROOT/data; null keeps everything in memory. */
export function journalPathFromEnv(env: NodeJS.ProcessEnv): string | null {
  const db = env.PALYRA_JOURNAL_DB_PATH?.trim();
  if (db) return join(dirname(db), JOURNAL_FILE_NAME);
  const root = env.PALYRA_STATE_ROOT?.trim();
  return root ? join(root, 'data', JOURNAL_FILE_NAME) : null;
}

export class JournalFile {
  private dirty = false;
  /** Changes marked, and changes known to be on disk: an async write cut short by exit is not. */
  private changeSeq = 0;
  private savedSeq = 0;
  private timer: NodeJS.Timeout | null = null;
  private writing: Promise<void> = Promise.resolve();
  private tempSeq = 0;

  constructor(
    readonly path: string,
    private readonly log: TracingLog,
    private readonly snapshot: () => JournalData,
    private readonly debounceMs = 100,
  ) {}

  /**
   * The records of the previous run, or null when there are none. An unreadable file is moved
   * aside (kept for inspection, never overwritten) and the gateway starts empty, as a fresh one would.
   */
  load(): JournalData | null {
    const text = readTextIfExists(this.path);
    if (text === null) return null;
    try {
      const parsed = journalSchema.parse(JSON.parse(text));
      return parsed as unknown as JournalData;
    } catch (err) {
      const aside = `${this.path}.corrupt-${Date.now()}`;
      renameSync(this.path, aside);
      this.log.warn('journal file unreadable; moved aside, starting empty', {
        path: this.path,
        moved_to: aside,
        error: err instanceof Error ? err.message.slice(0, 200) : String(err),
      });
      return null;
    }
  }

  /** A change happened; it is written shortly (several changes share one write). */
  markDirty(): void {
    this.dirty = true;
    this.changeSeq += 1;
    if (this.timer) return;
    this.timer = setTimeout(() => void this.flush(), this.debounceMs);
    this.timer.unref();
  }

  /** Resolves once every change marked so far is on disk. */
  flush(): Promise<void> {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.dirty) {
      this.dirty = false;
      // Serialise now: the write must hold the records as they are at this call.
      const text = JSON.stringify({ version: 1, ...this.snapshot() });
      const seq = this.changeSeq;
      this.writing = this.writing
        .then(() => this.writeAtomic(text))
        .then(() => {
          this.savedSeq = Math.max(this.savedSeq, seq);
        })
        .catch((err: unknown) => {
          this.dirty = true; // try again with the next change or flush
          this.log.warn('could not write journal file', {
            path: this.path,
            error: err instanceof Error ? err.message : String(err),
          });
        });
    }
    return this.writing;
  }

  /**
   * Last write on the way out; synchronous so process.exit cannot cut it short. It also covers an
   * async write still in flight, whose change a reader may already have seen in memory.
   */
  flushSync(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    if (this.savedSeq >= this.changeSeq) return;
    this.dirty = false;
    const seq = this.changeSeq;
    const temp = this.tempPath();
    try {
      mkdirSync(dirname(this.path), { recursive: true, mode: 0o700 });
      const fd = openSync(temp, 'w', 0o600);
      try {
        writeSync(fd, JSON.stringify({ version: 1, ...this.snapshot() }));
        fsyncSync(fd);
      } finally {
        closeSync(fd);
      }
      renameSync(temp, this.path);
      this.savedSeq = seq;
    } catch (err) {
      rmSync(temp, { force: true });
      this.log.warn('could not write journal file', { path: this.path, error: String(err) });
    }
  }

  private tempPath(): string {
    this.tempSeq += 1;
    return join(dirname(this.path), `.${basename(this.path)}.tmp-${process.pid}-${this.tempSeq}`);
  }

  private async writeAtomic(text: string): Promise<void> {
    const dir = dirname(this.path);
    await mkdir(dir, { recursive: true, mode: 0o700 });
    const temp = this.tempPath();
    try {
      const handle = await open(temp, 'w', 0o600);
      try {
        await handle.writeFile(text, 'utf8');
        await handle.sync();
      } finally {
        await handle.close();
      }
      await rename(temp, this.path);
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
    // The rename itself must survive a power loss too.
    const dirHandle = await open(dir, 'r');
    try {
      await dirHandle.sync();
    } finally {
      await dirHandle.close();
    }
  }
}
