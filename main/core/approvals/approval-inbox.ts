// The pending approvals the companion shows. Fed the full pending list on every refresh; works
// out what is new (exactly one 'added' per approval, ever) and what went away, drops expired
// ones, and sends decisions at most once per approval at a time. Every change goes out as
// per-approval patches (add, update, remove by id), never as the whole list.
import type { ActionableError, ApprovalPatch, ApprovalView, DecisionScope } from '../../contract/model';
import { toActionableError } from '../../contract/dispatch';
import { CompanionError } from '../errors';

export interface ApprovalDecision {
  approved: boolean;
  scope: DecisionScope;
  ttlMs?: number;
  reason?: string;
}

export type DecisionSender = (approval: ApprovalView, decision: ApprovalDecision) => Promise<void>;

export interface InboxEvents {
  added: ApprovalView;
  removed: { approvalId: string; reason: 'resolved' | 'expired' | 'decided' };
  /** What changed in the pending set, one entry per approval, in order. */
  patch: readonly ApprovalPatch[];
}

export interface ApprovalInboxOptions {
  now?: () => number;
  /** How many approval ids to remember as already announced; well above any realistic backlog. */
  seenLimit?: number;
}

type Listener<E extends keyof InboxEvents> = (payload: InboxEvents[E]) => void;

function sameOptions(a: ApprovalView['options'], b: ApprovalView['options']): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i += 1) {
    const x = a[i]!;
    const y = b[i]!;
    if (
      x.optionId !== y.optionId ||
      x.label !== y.label ||
      x.scope !== y.scope ||
      x.approved !== y.approved ||
      x.ttlMs !== y.ttlMs ||
      x.defaultSelected !== y.defaultSelected
    ) {
      return false;
    }
  }
  return true;
}

/** Gateway-side fields only; busy/error are ours. */
function sameRecord(a: ApprovalView, b: ApprovalView): boolean {
  return (
    a.title === b.title &&
    a.riskLevel === b.riskLevel &&
    a.summary === b.summary &&
    a.subjectType === b.subjectType &&
    a.subjectId === b.subjectId &&
    a.toolName === b.toolName &&
    a.sessionId === b.sessionId &&
    a.runId === b.runId &&
    a.principal === b.principal &&
    a.requestedAtMs === b.requestedAtMs &&
    a.expiresAtMs === b.expiresAtMs &&
    a.policyExplanation === b.policyExplanation &&
    sameOptions(a.options, b.options)
  );
}

/** Insertion-ordered set that forgets its oldest members beyond `limit`. */
class BoundedIdSet {
  private readonly ids = new Set<string>();
  constructor(private readonly limit: number) {}
  has(id: string): boolean {
    return this.ids.has(id);
  }
  add(id: string): void {
    if (this.ids.has(id)) return;
    this.ids.add(id);
    if (this.ids.size > this.limit) {
      const oldest = this.ids.values().next().value;
      if (oldest !== undefined) this.ids.delete(oldest);
    }
  }
}

export class ApprovalInbox {
  private readonly now: () => number;
  private readonly byId = new Map<string, ApprovalView>();
  /**
   * The refresh entry each pending approval was last taken from. The feed hands back the same
   * view object while a record is unchanged, so most of a refresh with thousands pending is one
   * lookup per approval instead of a field-by-field comparison.
   */
  private readonly source = new Map<string, ApprovalView>();
  private readonly seen: BoundedIdSet;
  /** Decided here and accepted by the gateway; ignored if a stale refresh still lists them. */
  private readonly decided: BoundedIdSet;
  private readonly inFlight = new Map<string, Promise<void>>();
  private view: readonly ApprovalView[] = [];
  private viewStale = false;
  private readonly listeners: { [E in keyof InboxEvents]: Set<Listener<E>> } = {
    added: new Set(),
    removed: new Set(),
    patch: new Set(),
  };

  constructor(options: ApprovalInboxOptions = {}) {
    this.now = options.now ?? Date.now;
    const limit = options.seenLimit ?? 20_000;
    this.seen = new BoundedIdSet(limit);
    this.decided = new BoundedIdSet(limit);
  }

  on<E extends keyof InboxEvents>(event: E, listener: Listener<E>): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  private emit<E extends keyof InboxEvents>(event: E, payload: InboxEvents[E]): void {
    for (const l of this.listeners[event]) l(payload);
  }

  /** Pending approvals, oldest request first. The same array is returned until something changes. */
  pending(): readonly ApprovalView[] {
    if (this.viewStale) {
      this.view = [...this.byId.values()].sort(
        (a, b) => a.requestedAtMs - b.requestedAtMs || (a.approvalId < b.approvalId ? -1 : 1),
      );
      this.viewStale = false;
    }
    return this.view;
  }

  get size(): number {
    return this.byId.size;
  }

  get(approvalId: string): ApprovalView | undefined {
    return this.byId.get(approvalId);
  }

  /** Replaces the pending set with the gateway's current list. */
  refresh(list: readonly ApprovalView[]): { added: ApprovalView[]; removed: string[] } {
    const now = this.now();
    const incoming = new Set<string>();
    const added: ApprovalView[] = [];
    const patches: ApprovalPatch[] = [];
    for (const raw of list) {
      const id = raw.approvalId;
      if (incoming.has(id) || this.decided.has(id)) continue;
      if (raw.expiresAtMs !== null && raw.expiresAtMs <= now) continue;
      incoming.add(id);
      const existing = this.byId.get(id);
      if (existing) {
        if (this.source.get(id) === raw) continue;
        this.source.set(id, raw);
        if (!sameRecord(existing, raw)) {
          const updated = { ...raw, busy: existing.busy, error: existing.error };
          this.byId.set(id, updated);
          patches.push({ op: 'update', approval: updated });
        }
        continue;
      }
      const entry: ApprovalView = { ...raw, busy: false, error: null };
      this.byId.set(id, entry);
      this.source.set(id, raw);
      patches.push({ op: 'add', approval: entry });
      if (!this.seen.has(id)) {
        this.seen.add(id);
        added.push(entry);
      }
    }
    const removed: string[] = [];
    for (const id of this.byId.keys()) {
      // A decision in flight keeps its approval even if this refresh raced past it.
      if (!incoming.has(id) && !this.inFlight.has(id)) removed.push(id);
    }
    for (const id of removed) {
      this.byId.delete(id);
      this.source.delete(id);
      patches.push({ op: 'remove', approvalId: id });
    }
    this.publish(patches);
    for (const a of added) this.emit('added', a);
    for (const id of removed) this.emit('removed', { approvalId: id, reason: 'resolved' });
    return { added, removed };
  }

  /** Drops approvals whose expiresAtMs has passed; returns their ids. */
  expireDue(): string[] {
    const now = this.now();
    const expired: string[] = [];
    for (const [id, a] of this.byId) {
      if (a.expiresAtMs !== null && a.expiresAtMs <= now && !this.inFlight.has(id)) expired.push(id);
    }
    for (const id of expired) {
      this.byId.delete(id);
      this.source.delete(id);
    }
    if (expired.length > 0) {
      this.publish(expired.map((approvalId) => ({ op: 'remove', approvalId })));
      for (const id of expired) this.emit('removed', { approvalId: id, reason: 'expired' });
    }
    return expired;
  }

  /** When the next approval expires, so core can schedule expireDue(). */
  nextExpiryAtMs(): number | null {
    let next: number | null = null;
    for (const a of this.byId.values()) {
      if (a.expiresAtMs !== null && (next === null || a.expiresAtMs < next)) next = a.expiresAtMs;
    }
    return next;
  }

  /**
   * Sends one decision. A second call while one is in flight gets the same promise; after
   * success the approval is gone and later calls succeed without sending anything again.
   */
  decide(approvalId: string, decision: ApprovalDecision, send: DecisionSender): Promise<void> {
    const running = this.inFlight.get(approvalId);
    if (running) return running;
    if (this.decided.has(approvalId)) return Promise.resolve();
    const approval = this.byId.get(approvalId);
    if (!approval) {
      return Promise.reject(
        new CompanionError(
          'approval_not_found',
          'That approval is no longer pending (it was resolved elsewhere or expired).',
          'Refresh the approvals list; nothing was sent.',
        ),
      );
    }
    this.replace(approvalId, { busy: true, error: null });
    const attempt = (async () => {
      try {
        await send(approval, decision);
      } catch (err) {
        const error: ActionableError = toActionableError(err);
        this.replace(approvalId, { busy: false, error });
        throw err;
      } finally {
        this.inFlight.delete(approvalId);
      }
      this.decided.add(approvalId);
      this.source.delete(approvalId);
      if (this.byId.delete(approvalId)) {
        this.publish([{ op: 'remove', approvalId }]);
        this.emit('removed', { approvalId, reason: 'decided' });
      }
    })();
    this.inFlight.set(approvalId, attempt);
    return attempt;
  }

  private replace(approvalId: string, patch: Pick<ApprovalView, 'busy' | 'error'>): void {
    const current = this.byId.get(approvalId);
    if (!current) return;
    const updated = { ...current, ...patch };
    this.byId.set(approvalId, updated);
    this.publish([{ op: 'update', approval: updated }]);
  }

  private publish(patches: readonly ApprovalPatch[]): void {
    if (patches.length === 0) return;
    this.viewStale = true;
    this.emit('patch', patches);
  }
}
