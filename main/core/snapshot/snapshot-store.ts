// Holds the one CompanionSnapshot the UI mirrors. Parts of core hand in new values for the
// top-level keys they own; the store swaps them in (no deep copies — unchanged keys keep their
// identity), bumps the revision, and emits coalesced `snapshot.patch` events carrying only the
// keys that changed since the previous patch. Approvals are the exception: they change one at a
// time (patchApprovals) and travel as per-approval patches, so one decision among 10,000 pending
// costs what changed, not the list.
import { applyApprovalPatches } from '../../contract/events';
import type {
  ApprovalPatch,
  ApprovalView,
  CompanionSnapshot,
  SnapshotKey,
  SnapshotPatch,
} from '../../contract/model';
import { PendingApprovalPatches } from './pending-approval-patches';
import { deriveOverallStatus } from './overall-status';

const MAX_UNREAD_APPROVAL_PATCHES = 1_024;

export type SnapshotUpdate = Partial<
  Pick<CompanionSnapshot, Exclude<SnapshotKey, 'overall' | 'generatedAtMs' | 'approvals'>>
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
  /** The approvals by id; `current.approvals` is rebuilt from it lazily (see get()). */
  private readonly approvalsById = new Map<string, ApprovalView>();
  private approvalsStale = false;
  private readonly approvalPatches = new PendingApprovalPatches();

  constructor(initial: CompanionSnapshot, options: SnapshotStoreOptions = {}) {
    this.now = options.now ?? Date.now;
    this.coalesceMs = options.coalesceMs ?? 16;
    this.current = { ...initial, overall: deriveOverallStatus(initial.services, initial.connection) };
    for (const a of initial.approvals) this.approvalsById.set(a.approvalId, a);
  }

  get(): CompanionSnapshot {
    if (this.approvalsStale) {
      this.approvalsStale = false;
      this.current = {
        ...this.current,
        approvals: applyApprovalPatches(
          this.current.approvals,
          this.approvalPatches.sinceGet(),
          this.approvalsById,
        ),
      };
    }
    return this.current;
  }

  /** Applies per-approval changes (in order); emits them as `approvalPatches` in the next patch. */
  patchApprovals(patches: readonly ApprovalPatch[]): void {
    if (patches.length === 0) return;
    for (const p of patches) this.approvalPatches.add(p);
    this.approvalsStale = true;
    // Nobody read the list for a long while: fold the backlog in so it cannot grow unbounded.
    if (this.approvalPatches.unread > MAX_UNREAD_APPROVAL_PATCHES) this.get();
    this.bump();
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
    this.current = next;
    this.bump();
    return true;
  }

  private bump(): void {
    this.current = { ...this.current, revision: this.current.revision + 1, generatedAtMs: this.now() };
    this.dirty.add('generatedAtMs');
    this.schedule();
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
    const approvalPatches = this.approvalPatches.takeForPatch();
    if (approvalPatches.length > 0) patch.approvalPatches = approvalPatches;
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
