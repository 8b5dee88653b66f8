// The undecided approvals, read incrementally. palyrad's journal never deletes approvals, lists
// them by ULID ascending and has no "pending" filter (crates/palyra-daemon/src/journal.rs,
// list_approvals), so reading "everything, oldest first, up to N" stops seeing new approvals once
// the journal holds N. Instead a read covers only a window, paged with the cursor the daemon
// returns, so it has no size limit:
//
// - a full read, from the oldest approval still undecided (`since_unix_ms`): it sees every one of
//   them again, so one decided elsewhere (the dashboard, another companion) or timed out leaves
//   the list. It runs on the first read, when asked (reconnect), and otherwise at most once per
//   FULL_READ_PERIOD_MS while any approval is undecided;
// - in between, a read of what came after the newest approval already seen (`after_approval_id`),
//   which costs nothing while nothing is new, however many approvals are pending.
//
// So an approval decided elsewhere leaves the inbox within FULL_READ_PERIOD_MS plus one poll (a
// decision made in this companion leaves at once, see forget()), and one that times out leaves on
// time anyway (the inbox expires it from its own timeout_seconds). A full read re-reads every
// pending record, but only the ones it has not seen in that state are checked and turned into
// views: a record's state is its decision and resolution/update times, which are all palyrad
// changes on an approval after creating it.
import type { ApprovalView } from '../../contract/model';
import { isPending, toApprovalView } from './approval-view';
import { badReply } from './gateway-error';
import type { ApprovalListQuery, GatewayClient } from './gateway-client';
import { approvalRecordSchema } from './schemas';

/** On the first read, undecided approvals older than this are not looked for. */
export const FIRST_READ_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Longest time between two full reads while approvals are pending (see the header). */
export const FULL_READ_PERIOD_MS = 30_000;
/** Approval ULIDs and request times come from two clock reads; allow them to disagree a little. */
const CLOCK_MARGIN_MS = 5_000;
/** One poll reads at most this many pages; the next poll continues from the cursor. */
const MAX_PAGES_PER_READ = 40;
const LIST_CALL = 'GET /console/v1/approvals';

export type ApprovalPageSource = Pick<GatewayClient, 'listRawApprovalPage'>;

export interface ApprovalReadOptions {
  /** Read every pending approval again now (after a reconnect), not only what is new. */
  full?: boolean;
}

/** An undecided approval as last read: its state, and the view made from it then. */
interface Held {
  state: string;
  requestedAtMs: number;
  view: ApprovalView;
}

/** A read in progress: its query (the cursor moves on), its kind, and what it has seen so far. */
interface ReadPlan {
  query: ApprovalListQuery;
  full: boolean;
  startedAtMs: number;
  seen: Set<string>;
}

export class ApprovalFeed {
  private cursor: string | null = null;
  private readonly pending = new Map<string, Held>();
  /** The pending views in ULID order, kept until the set changes. */
  private ordered: readonly ApprovalView[] | null = [];
  private started = false;
  private lookbackFromMs = 0;
  private lastFullAtMs = Number.NEGATIVE_INFINITY;
  /** A read that hit the page limit: the next read continues it instead of starting over. */
  private resume: ReadPlan | null = null;

  constructor(
    private readonly client: ApprovalPageSource,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest approval id read so far (the `after_approval_id` of the next read). */
  get lastSeenId(): string | null {
    return this.cursor;
  }

  /** Decided here (or expired here): not pending any more, whatever the next read says. */
  forget(approvalId: string): void {
    if (this.pending.delete(approvalId)) this.ordered = null;
  }

  /** Reads the window and returns every approval still undecided, oldest first. */
  async read(options: ApprovalReadOptions = {}): Promise<readonly ApprovalView[]> {
    const plan = this.resume ?? this.plan(options.full === true);
    // If a page fails, the next read starts again with a fresh plan.
    this.resume = null;
    let finished = false;
    for (let page = 0; page < MAX_PAGES_PER_READ && !finished; page += 1) {
      const reply = await this.client.listRawApprovalPage(plan.query);
      this.take(reply.approvals, plan.seen);
      if (reply.next_after_approval_id === null || reply.approvals.length === 0) finished = true;
      else plan.query.afterApprovalId = reply.next_after_approval_id;
    }
    this.started = true;
    if (!finished) {
      this.resume = plan;
    } else if (plan.full) {
      // A whole since-window read sees every undecided approval; one missing was purged or is
      // outside the journal's view now, so it leaves the inbox.
      for (const id of [...this.pending.keys()]) if (!plan.seen.has(id)) this.forget(id);
      this.lastFullAtMs = plan.startedAtMs;
    }
    this.ordered ??= [...this.pending.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([, held]) => held.view);
    return this.ordered;
  }

  private plan(forceFull: boolean): ReadPlan {
    const now = this.now();
    const plan = (query: ApprovalListQuery, full: boolean): ReadPlan => ({
      query,
      full,
      startedAtMs: now,
      seen: new Set(),
    });
    if (!this.started) {
      this.lookbackFromMs = now - FIRST_READ_LOOKBACK_MS;
      return plan({ sinceUnixMs: this.lookbackFromMs }, true);
    }
    if (this.pending.size > 0 && (forceFull || now - this.lastFullAtMs >= FULL_READ_PERIOD_MS)) {
      let oldest = Number.POSITIVE_INFINITY;
      for (const held of this.pending.values()) oldest = Math.min(oldest, held.requestedAtMs);
      return plan({ sinceUnixMs: oldest - CLOCK_MARGIN_MS }, true);
    }
    if (this.cursor !== null) return plan({ afterApprovalId: this.cursor }, false);
    // Nothing seen in the journal yet: keep looking in the first read's window.
    return plan({ sinceUnixMs: this.lookbackFromMs }, false);
  }

  /** One page: unchanged records are only looked up; new or changed ones are checked and viewed. */
  private take(records: readonly unknown[], seen: Set<string>): void {
    for (const [index, raw] of records.entries()) {
      const fields = isObject(raw) ? raw : null;
      const id = fields?.approval_id;
      if (fields !== null && typeof id === 'string' && id !== '') {
        if (this.cursor === null || id > this.cursor) this.cursor = id;
        seen.add(id);
        const state = stateOf(fields);
        if (this.pending.get(id)?.state === state) continue;
      }
      const parsed = approvalRecordSchema.safeParse(raw);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        const where = `approvals.${index}${issue?.path.length ? `.${issue.path.join('.')}` : ''}`;
        throw badReply(LIST_CALL, `unexpected shape at ${where}: ${issue?.message ?? 'invalid'}`, 200);
      }
      const record = parsed.data;
      if (isPending(record)) {
        this.pending.set(record.approval_id, {
          state: stateOf(fields ?? {}),
          requestedAtMs: record.requested_at_unix_ms,
          view: toApprovalView(record),
        });
        this.ordered = null;
      } else {
        this.forget(record.approval_id);
      }
    }
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What palyrad changes on an approval after creating it (journal.rs resolve_approval). */
function stateOf(record: Record<string, unknown>): string {
  return `${String(record.decision ?? '')}|${String(record.resolved_at_unix_ms ?? '')}|${String(record.updated_at_unix_ms ?? '')}`;
}
