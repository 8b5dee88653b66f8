// Keeps the inbox in step with the gateway. Palyra has no push channel for approvals (its
// realtime socket only replays), so core asks while connected — but not on a fixed short grid:
// right after something changed (a new approval, a decision, a reconnect) it asks again soon,
// and every answer that brings nothing new doubles the wait, up to `maxIntervalMs`. An idle
// companion therefore makes one small request every few seconds, not one every two. Most reads
// only ask what is new; every pending approval is read again at most every FULL_READ_PERIOD_MS
// and after a reconnect (approval-feed.ts), so a large backlog costs little while idle.
import type { ApprovalInbox } from '../approvals/approval-inbox';
import type { ApprovalView } from '../../contract/model';
import { ApprovalFeed, type GatewayClient } from '../gateway';

export interface ApprovalSyncDeps {
  client: GatewayClient;
  inbox: ApprovalInbox;
  isConnected: () => boolean;
  /** Wait after a change (and the first step of the back-off). */
  intervalMs: number;
  /** Longest wait while nothing changes (default 10 s; Palyra's tool runs wait 60 s for a decision). */
  maxIntervalMs?: number;
  onError: (err: unknown) => void;
}

export const DEFAULT_MAX_APPROVAL_INTERVAL_MS = 10_000;

export class ApprovalSync {
  private timer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  private delayMs: number;
  /** Keeps its cursor across polls, so new approvals are seen however large the journal grows. */
  private readonly feed: ApprovalFeed;
  /** The next read re-reads every pending approval (asked for while another read was running). */
  private fullWanted = false;
  /** The feed's last answer: the same array again means nothing changed, so the inbox is not walked. */
  private lastList: readonly ApprovalView[] | null = null;

  constructor(private readonly deps: ApprovalSyncDeps) {
    this.delayMs = deps.intervalMs;
    this.feed = new ApprovalFeed(deps.client);
    // Decided or expired here: the feed stops holding it at once rather than at its next full read.
    deps.inbox.on('removed', ({ approvalId, reason }) => {
      if (reason !== 'resolved') this.feed.forget(approvalId);
    });
  }

  /** The wait before the next scheduled read (tests and the bench). */
  get currentDelayMs(): number {
    return this.delayMs;
  }

  start(): void {
    this.stopped = false;
    this.schedule(0);
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    this.timer = null;
    this.expiryTimer = null;
  }

  /**
   * Read now (after a decision, on reconnect) and poll quickly for a while; callers share one read.
   * `full` re-reads every pending approval (after a reconnect the gateway may have changed them);
   * asked while a read is running, it applies to the next one.
   */
  refreshNow(options: { full?: boolean } = {}): Promise<void> {
    this.delayMs = this.deps.intervalMs;
    if (options.full === true) this.fullWanted = true;
    return this.readShared();
  }

  private readShared(): Promise<void> {
    if (!this.running) {
      this.running = this.refresh().finally(() => {
        this.running = null;
      });
    }
    return this.running;
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      void this.readShared().finally(() => this.schedule(this.delayMs));
    }, delayMs);
    this.timer.unref?.();
  }

  private async refresh(): Promise<void> {
    if (!this.deps.isConnected()) return;
    let changed = false;
    const full = this.fullWanted;
    this.fullWanted = false;
    try {
      const list = await this.feed.read({ full });
      // Time-outs do not need a refresh: scheduleExpiry drops them on time.
      if (list !== this.lastList) {
        const { added, removed } = this.deps.inbox.refresh(list);
        changed = added.length > 0 || removed.length > 0;
        this.lastList = list;
      }
    } catch (err) {
      // A full read that failed is still owed.
      if (full) this.fullWanted = true;
      this.deps.onError(err);
    }
    const max = this.deps.maxIntervalMs ?? DEFAULT_MAX_APPROVAL_INTERVAL_MS;
    this.delayMs = changed ? this.deps.intervalMs : Math.min(max, this.delayMs * 2);
    this.scheduleExpiry();
  }

  /** Drops approvals from view the moment the gateway times them out, not at the next poll. */
  private scheduleExpiry(): void {
    if (this.expiryTimer) clearTimeout(this.expiryTimer);
    const next = this.deps.inbox.nextExpiryAtMs();
    if (next === null || this.stopped) return;
    this.expiryTimer = setTimeout(
      () => {
        this.deps.inbox.expireDue();
        this.scheduleExpiry();
      },
      Math.max(0, next - Date.now()) + 10,
    );
    this.expiryTimer.unref?.();
  }
}
