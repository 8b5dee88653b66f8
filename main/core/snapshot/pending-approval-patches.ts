// Approval changes waiting to go out. Two views of the same stream: the next `snapshot.patch`
// gets them coalesced per approval (an add then a remove inside one coalescing window sends
// nothing; a remove then an add is an update), and SnapshotStore.get() gets them in order, to
// bring its materialised `approvals` array up to date only when somebody reads it.
import type { ApprovalPatch } from '../../contract/model';

function idOf(p: ApprovalPatch): string {
  return p.op === 'remove' ? p.approvalId : p.approval.approvalId;
}

export class PendingApprovalPatches {
  private readonly forPatch = new Map<string, ApprovalPatch>();
  private forGet: ApprovalPatch[] = [];

  add(p: ApprovalPatch): void {
    this.forGet.push(p);
    const id = idOf(p);
    const prev = this.forPatch.get(id);
    if (p.op === 'remove') {
      if (prev?.op === 'add') this.forPatch.delete(id);
      else this.forPatch.set(id, p);
      return;
    }
    const op = prev === undefined ? p.op : prev.op === 'add' ? 'add' : 'update';
    this.forPatch.set(id, { op, approval: p.approval });
  }

  /** How many changes the materialised list has not seen yet. */
  get unread(): number {
    return this.forGet.length;
  }

  /** Every change since the last call, in order. */
  sinceGet(): ApprovalPatch[] {
    const out = this.forGet;
    this.forGet = [];
    return out;
  }

  /** One change per approval since the last call. */
  takeForPatch(): ApprovalPatch[] {
    if (this.forPatch.size === 0) return [];
    const out = [...this.forPatch.values()];
    this.forPatch.clear();
    return out;
  }
}
