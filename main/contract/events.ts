// Every event core pushes to the UI. The UI never polls: it takes one `snapshot.get`, then applies
// these in order.
import type { ApprovalPatch, ApprovalView, CompanionSnapshot, LogLine, SnapshotPatch, View } from './model';

export interface ChatStreamEvent {
  sessionId: string;
  runId: string | null;
  kind: 'token' | 'status' | 'complete' | 'error';
  /** The token text for `token`; the status/complete kind; the sanitized error message. */
  text: string;
}

export interface EventPayloads {
  /** Sent once to each new subscriber, and after a reconnect. */
  snapshot: CompanionSnapshot;
  /** Replaces the named top-level snapshot keys; approvals change one by one (approvalPatches). */
  'snapshot.patch': SnapshotPatch;
  /** Newly captured log lines (batched). */
  'log.lines': LogLine[];
  'chat.stream': ChatStreamEvent;
  /** The shell asks the UI to show a view (tray menu, notification click, hotkey). */
  navigate: { view: import('./model').View; approvalId?: string };
}

export type EventName = keyof EventPayloads;

export const eventNames: readonly EventName[] = [
  'snapshot',
  'snapshot.patch',
  'log.lines',
  'chat.stream',
  'navigate',
] as const;

/** Applies a patch; returns the same object when the patch is stale (older revision). */
export function applyPatch(
  snapshot: CompanionSnapshot,
  patch: SnapshotPatch,
  /** The caller's id → approval map of `snapshot.approvals`, kept in step (saves rebuilding it). */
  approvalIndex?: Map<string, ApprovalView>,
): CompanionSnapshot {
  if (patch.revision <= snapshot.revision) return snapshot;
  const { approvalPatches, ...keys } = patch;
  const next: CompanionSnapshot = { ...snapshot, ...keys };
  if (approvalPatches && approvalPatches.length > 0) {
    next.approvals = applyApprovalPatches(snapshot.approvals, approvalPatches, approvalIndex);
  }
  return next;
}

/** The inbox order everywhere: oldest request first, then by id. */
export function compareApprovals(a: ApprovalView, b: ApprovalView): number {
  return (
    a.requestedAtMs - b.requestedAtMs ||
    (a.approvalId < b.approvalId ? -1 : a.approvalId > b.approvalId ? 1 : 0)
  );
}

/** Where `approval` belongs in a list sorted by compareApprovals (binary search). */
function insertionIndex(list: readonly ApprovalView[], approval: ApprovalView): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (compareApprovals(list[mid]!, approval) < 0) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * Applies per-approval patches to a list sorted by compareApprovals and returns a new array
 * (the input is not touched). Add and update are both "put this one in place"; remove of an
 * unknown id is a no-op. Cost: one copy plus a scan or binary search and a splice per patch, so
 * one change among 10,000 is cheap.
 */
export function applyApprovalPatches(
  list: readonly ApprovalView[],
  patches: readonly ApprovalPatch[],
  index: Map<string, ApprovalView> = new Map(list.map((a) => [a.approvalId, a])),
): ApprovalView[] {
  const out = list.slice();
  for (const p of patches) {
    const id = p.op === 'remove' ? p.approvalId : p.approval.approvalId;
    const old = index.get(id);
    // By identity first (a scan, cheap even for 10,000): it does not trust the list's order.
    const at = old === undefined ? -1 : out.indexOf(old);
    const found = at >= 0 ? at : old === undefined ? -1 : out.findIndex((a) => a.approvalId === id);
    if (p.op === 'remove') {
      if (found >= 0) out.splice(found, 1);
      index.delete(id);
      continue;
    }
    index.set(id, p.approval);
    if (found >= 0 && old!.requestedAtMs === p.approval.requestedAtMs) {
      out[found] = p.approval; // same place in the order: replace in place
      continue;
    }
    if (found >= 0) out.splice(found, 1);
    out.splice(insertionIndex(out, p.approval), 0, p.approval);
  }
  return out;
}

export type { View };
