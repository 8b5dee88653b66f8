// The undecided approvals, read incrementally. palyrad's journal never deletes approvals, lists
// them by ULID ascending and has no "pending" filter (crates/palyra-daemon/src/journal.rs,
// list_approvals), so reading "everything, oldest first, up to N" stops seeing new approvals once
// the journal holds N. Instead each poll reads only a window: from the oldest approval still
// undecided (`since_unix_ms`, to see it decided elsewhere or timed out), or, with none undecided,
// after the newest approval already seen (`after_approval_id`). Both page with the cursor the
// daemon returns, so the window has no size limit.
import type { ApprovalView } from '../../contract/model';
import { isPending, toApprovalView } from './approval-view';
import type { ApprovalListQuery, GatewayClient } from './gateway-client';
import type { ApprovalRecord } from './schemas';

/** On the first read, undecided approvals older than this are not looked for. */
export const FIRST_READ_LOOKBACK_MS = 24 * 60 * 60 * 1000;
/** Approval ULIDs and request times come from two clock reads; allow them to disagree a little. */
const CLOCK_MARGIN_MS = 5_000;
/** One poll reads at most this many pages; the next poll continues from the cursor. */
const MAX_PAGES_PER_READ = 40;

export class ApprovalFeed {
  private cursor: string | null = null;
  private readonly pending = new Map<string, ApprovalRecord>();
  private started = false;
  /** A read that hit the page limit: the next read continues it instead of starting over. */
  private resume: ApprovalListQuery | null = null;

  constructor(
    private readonly client: Pick<GatewayClient, 'listApprovalPage'>,
    private readonly now: () => number = Date.now,
  ) {}

  /** The newest approval id read so far (the `after_approval_id` of the next read). */
  get lastSeenId(): string | null {
    return this.cursor;
  }

  /** Reads the window and returns every approval still undecided, oldest first. */
  async read(): Promise<ApprovalView[]> {
    const query: ApprovalListQuery = this.resume ? { ...this.resume } : {};
    if (this.resume) {
      // Continue the unfinished window.
    } else if (!this.started) {
      query.sinceUnixMs = this.now() - FIRST_READ_LOOKBACK_MS;
    } else if (this.pending.size > 0) {
      const oldest = Math.min(...[...this.pending.values()].map((r) => r.requested_at_unix_ms));
      query.sinceUnixMs = oldest - CLOCK_MARGIN_MS;
    } else if (this.cursor !== null) {
      query.afterApprovalId = this.cursor;
    }
    const seen = new Map<string, ApprovalRecord>();
    const continued = this.resume !== null;
    let finished = false;
    for (let page = 0; page < MAX_PAGES_PER_READ && !finished; page += 1) {
      const reply = await this.client.listApprovalPage(query);
      for (const record of reply.approvals) seen.set(record.approval_id, record);
      const last = reply.approvals.at(-1)?.approval_id;
      if (last !== undefined && (this.cursor === null || last > this.cursor)) this.cursor = last;
      if (reply.next_after_approval_id === null || reply.approvals.length === 0) finished = true;
      else query.afterApprovalId = reply.next_after_approval_id;
    }
    this.started = true;
    this.resume = finished ? null : query;
    // Undecided ones outside this window (only when the window was "after the cursor") stay.
    for (const [id, record] of seen) {
      if (isPending(record)) this.pending.set(id, record);
      else this.pending.delete(id);
    }
    // A whole since-window read sees every undecided approval; one missing was purged or is
    // outside the journal's view now, so it leaves the inbox.
    if (finished && !continued && query.sinceUnixMs !== undefined && this.started) {
      for (const id of [...this.pending.keys()]) if (!seen.has(id)) this.pending.delete(id);
    }
    return [...this.pending.values()]
      .sort((a, b) => (a.approval_id < b.approval_id ? -1 : 1))
      .map(toApprovalView);
  }
}
