// Owns <stateRoot>/companion/state.json: loads (migrating and salvaging), hands out the current
// state, and persists changes atomically, one write at a time, only when the bytes changed.
import { promises as fs } from 'node:fs';
import { join } from 'node:path';
import { CompanionError } from '../errors';
import { removeStaleTempFiles, writeFileAtomic } from './atomic-file';
import { companionDir } from './paths';
import { decodeState, encodeState } from './state-codec';
import type { CompanionState } from './schema';
import { defaultState } from './schema';

export interface StateStoreOptions {
  stateRoot: string;
  now?: () => number;
}

export type StateMutator = (current: Readonly<CompanionState>) => CompanionState;

export class StateStore {
  readonly dir: string;
  readonly filePath: string;
  private current: CompanionState;
  private lastWritten: string | null;
  private readonly warningList: string[] = [];
  private legacy: { adminToken?: string; browserAuthToken?: string } = {};
  private writeLoop: Promise<void> | null = null;
  private dirty = false;
  private readonly listeners = new Set<(state: Readonly<CompanionState>) => void>();

  private constructor(
    stateRoot: string,
    private readonly now: () => number,
  ) {
    this.dir = companionDir(stateRoot);
    this.filePath = join(this.dir, 'state.json');
    this.current = defaultState();
    this.lastWritten = null;
  }

  static async open(options: StateStoreOptions): Promise<StateStore> {
    const store = new StateStore(options.stateRoot, options.now ?? Date.now);
    await store.load();
    return store;
  }

  get state(): Readonly<CompanionState> {
    return this.current;
  }

  /** Problems found while loading (corrupt file moved aside, sections reset); shown in the UI. */
  get warnings(): readonly string[] {
    return this.warningList;
  }

  /** Plaintext tokens found in a legacy file; handed once to the SecretStore, never written back. */
  takeLegacySecrets(): { adminToken?: string; browserAuthToken?: string } {
    const out = this.legacy;
    this.legacy = {};
    return out;
  }

  onChange(listener: (state: Readonly<CompanionState>) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /**
   * Applies a change in memory at once and resolves when it is on disk. Mutators return a new
   * object (the previous one may be shared with snapshots). Returns whether anything changed.
   */
  async update(mutate: StateMutator): Promise<boolean> {
    const next = mutate(this.current);
    if (next === this.current) return false;
    this.current = next;
    for (const l of this.listeners) l(next);
    await this.persist();
    return true;
  }

  /** Resolves once every change made so far is on disk (or rejects with the write error). */
  async persist(): Promise<void> {
    this.dirty = true;
    if (!this.writeLoop) {
      this.writeLoop = this.drain().finally(() => {
        this.writeLoop = null;
      });
    }
    return this.writeLoop;
  }

  private async drain(): Promise<void> {
    // Coalesces: changes made while a write is in flight go out together in the next one.
    while (this.dirty) {
      this.dirty = false;
      const bytes = encodeState(this.current);
      if (bytes === this.lastWritten) continue;
      try {
        await fs.mkdir(this.dir, { recursive: true, mode: 0o700 });
        await writeFileAtomic(this.filePath, bytes);
        this.lastWritten = bytes;
      } catch (err) {
        this.dirty = false;
        const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
        throw new CompanionError(
          'state_write_failed',
          `Could not save the companion state to ${this.filePath} (${code}).`,
          'Check free disk space and that the state directory is writable; the change is kept in memory and retried on the next save.',
          { cause: err },
        );
      }
    }
  }

  private async load(): Promise<void> {
    let text: string;
    try {
      text = await fs.readFile(this.filePath, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        await this.persist().catch((e: CompanionError) => this.warningList.push(`${e.message} ${e.hint}`));
        return;
      }
      const code = (err as NodeJS.ErrnoException).code ?? 'unknown';
      throw new CompanionError(
        'state_unreadable',
        `Could not read the companion state file ${this.filePath} (${code}).`,
        'Fix the file permissions (it should be readable by you) and restart the companion.',
        { cause: err },
      );
    }
    await removeStaleTempFiles(this.filePath);
    const decoded = decodeState(text);
    this.current = decoded.state;
    this.legacy = decoded.legacySecrets;
    if (decoded.problems.length > 0) {
      const aside = `${this.filePath}.corrupt-${this.now()}`;
      const outcome =
        decoded.reset.length > 0
          ? `Reset to defaults: ${decoded.reset.join(', ')}; every other setting was kept.`
          : 'Every setting that was in it was kept.';
      let copy = '';
      try {
        // A copy, not a rename, so the file is never missing if we die before the rewrite.
        await writeFileAtomic(aside, withoutLegacySecrets(text));
        copy = ` A copy was saved as ${aside}.`;
      } catch {
        // The warning still says what was lost.
      }
      this.warningList.push(
        `The companion state file was damaged (${decoded.problems.join('; ')}).${copy} ${outcome}`,
      );
    } else {
      // Untouched files are not rewritten at start-up (Palyra rewrites on every load).
      this.lastWritten = text;
    }
    if (decoded.migrated.length > 0 && decoded.problems.length === 0) {
      await this.keepPreMigrationCopy(text);
    }
    await this.persist().catch((e: CompanionError) => this.warningList.push(`${e.message} ${e.hint}`));
  }

  /** The original file minus any plaintext tokens, so a migration can be inspected or undone. */
  private async keepPreMigrationCopy(text: string): Promise<void> {
    try {
      await writeFileAtomic(`${this.filePath}.pre-migration-${this.now()}`, withoutLegacySecrets(text));
    } catch {
      // Best effort: the migrated state itself is what matters.
    }
  }
}

const legacySecretKeys = ['admin_token', 'browser_auth_token'];

/** Copies kept for inspection must not keep plaintext tokens either, even from a damaged file. */
function withoutLegacySecrets(text: string): string {
  try {
    const parsed = JSON.parse(text) as unknown;
    if (parsed !== null && typeof parsed === 'object' && !Array.isArray(parsed)) {
      const copy = { ...(parsed as Record<string, unknown>) };
      for (const key of legacySecretKeys) delete copy[key];
      return JSON.stringify(copy, null, 2);
    }
  } catch {
    // Not JSON: scrub textually below.
  }
  let scrubbed = text;
  for (const key of legacySecretKeys) {
    scrubbed = scrubbed.replace(new RegExp(`("${key}"\\s*:\\s*)"[^"]*"?`, 'g'), '$1"<redacted>"');
  }
  return scrubbed;
}
