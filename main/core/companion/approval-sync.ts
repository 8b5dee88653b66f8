// Keeps the inbox in step with the gateway. Palyra has no push channel for approvals (its
// realtime socket only replays), so core polls while connected and pushes changes to the UI.
import type { ApprovalInbox } from '../approvals/approval-inbox';
import { ApprovalFeed, type GatewayClient } from '../gateway';

export interface ApprovalSyncDeps {
  client: GatewayClient;
  inbox: ApprovalInbox;
  isConnected: () => boolean;
  intervalMs: number;
  onError: (err: unknown) => void;
}

export class ApprovalSync {
  private timer: NodeJS.Timeout | null = null;
  private expiryTimer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private stopped = true;
  /** Keeps its cursor across polls, so new approvals are seen however large the journal grows. */
  private readonly feed: ApprovalFeed;

  constructor(private readonly deps: ApprovalSyncDeps) {
    this.feed = new ApprovalFeed(deps.client);
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

  /** Fetch now (after a decision, on reconnect); concurrent callers share one fetch. */
  refreshNow(): Promise<void> {
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
      void this.refreshNow().finally(() => this.schedule(this.deps.intervalMs));
    }, delayMs);
    this.timer.unref?.();
  }

  private async refresh(): Promise<void> {
    if (!this.deps.isConnected()) return;
    try {
      this.deps.inbox.refresh(await this.feed.read());
    } catch (err) {
      this.deps.onError(err);
    }
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
