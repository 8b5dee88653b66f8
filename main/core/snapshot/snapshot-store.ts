// Holds the one CompanionSnapshot the UI mirrors. Parts of core hand in new values for the
// top-level keys they own; the store swaps them in (no deep copies — unchanged keys keep their
// identity), bumps the revision, and emits coalesced `snapshot.patch` events carrying only the
// keys that changed since the previous patch.
import type { CompanionSnapshot, SnapshotKey, SnapshotPatch } from '../../contract/model';
import { deriveOverallStatus } from './overall-status';

export type SnapshotUpdate = Partial<
  Pick<CompanionSnapshot, Exclude<SnapshotKey, 'overall' | 'generatedAtMs'>>
>;

export interface SnapshotStoreOptions {
  now?: () => number;
  /** Patches are coalesced for this long; 0 = once per microtask. */
  coalesceMs?: number;
}

export class SnapshotStore {
  private current: CompanionSnapshot;
  private readonly now: () => number;
  private readonly coalesceMs: number;
  private readonly dirty = new Set<SnapshotKey>();
  private scheduled = false;
  private timer: NodeJS.Timeout | null = null;
  private readonly listeners = new Set<(patch: SnapshotPatch) => void>();

  constructor(initial: CompanionSnapshot, options: SnapshotStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.coalesceMs = options.coalesceMs ?? 16;
    this.current = { ...initial, overall: deriveOverallStatus(initial.services, initial.connection) };
  }

  get(): CompanionSnapshot {
    return this.current;
  }

  onPatch(listener: (patch: SnapshotPatch) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Replaces the given keys. Values equal by identity are ignored; returns whether anything changed. */
  update(partial: SnapshotUpdate): boolean {
    const prev = this.current;
    let next: CompanionSnapshot | null = null;
    for (const key in partial) {
      const k = key as keyof SnapshotUpdate;
      const value = partial[k];
      if (value === undefined || value === prev[k]) continue;
      next ??= { ...prev };
      (next as unknown as Record<string, unknown>)[k] = value;
      this.dirty.add(k);
    }
    if (!next) return false;
    if (next.services !== prev.services || next.connection !== prev.connection) {
      const overall = deriveOverallStatus(next.services, next.connection);
      if (overall !== prev.overall) {
        next.overall = overall;
        this.dirty.add('overall');
      }
    }
    next.revision = prev.revision + 1;
    next.generatedAtMs = this.now();
    this.dirty.add('generatedAtMs');
    this.current = next;
    this.schedule();
    return true;
  }

  /** Emits the pending patch now (also used by tests and before sending a full snapshot). */
  flush(): SnapshotPatch | null {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    this.scheduled = false;
    if (this.dirty.size === 0) return null;
    const patch: SnapshotPatch = { revision: this.current.revision };
    const target = patch as unknown as Record<string, unknown>;
    for (const key of this.dirty) target[key] = this.current[key];
    this.dirty.clear();
    for (const l of this.listeners) l(patch);
    return patch;
  }

  /** Stops a pending timer (shutdown). */
  dispose(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.scheduled = false;
  }

  private schedule(): void {
    if (this.scheduled) return;
    this.scheduled = true;
    if (this.coalesceMs <= 0) {
      queueMicrotask(() => {
        if (this.scheduled) this.flush();
      });
    } else {
      this.timer = setTimeout(() => this.flush(), this.coalesceMs);
      this.timer.unref?.();
    }
  }
}
