// Decides which native toasts to raise for core events. Pure logic with injected time: approvals
// are debounced and grouped under one key (a burst of 50 is one "50 approvals waiting" toast),
// crashes are de-duplicated per service, and nothing is raised when the rollout flag is off.
// Core calls handle() for each event and drainDue() when nextDueAtMs() arrives.
import type { ApprovalView } from '../../contract/model';
import type { NativeNotificationRequest } from '../../contract/native';

export type CoreNotificationEvent =
  | { type: 'approval.added'; approval: ApprovalView }
  | { type: 'service.crashed'; service: string; displayName: string; detail: string }
  | { type: 'service.crash-looping'; service: string; displayName: string; detail: string }
  | { type: 'gateway.online' };

export interface NotificationPolicyOptions {
  now?: () => number;
  /** rollout.desktop_notifications_enabled, read at call time. */
  enabled: () => boolean;
  /** Whether an approval is still waiting when its toast is due (decided ones need no toast). */
  stillPending?: (approvalId: string) => boolean;
  /** A burst ends after this much quiet… */
  approvalQuietMs?: number;
  /** …or at the latest this long after its first approval. */
  approvalMaxWaitMs?: number;
  crashDedupeMs?: number;
  onlineDedupeMs?: number;
}

export const APPROVAL_TOAST_KEY = 'approvals';

interface PendingBurst {
  firstAtMs: number;
  lastAtMs: number;
  approvals: ApprovalView[];
}

export class NotificationPolicy {
  private readonly now: () => number;
  private readonly quietMs: number;
  private readonly maxWaitMs: number;
  private readonly crashDedupeMs: number;
  private readonly onlineDedupeMs: number;
  private burst: PendingBurst | null = null;
  private readonly lastRaisedAt = new Map<string, number>();

  constructor(private readonly options: NotificationPolicyOptions) {
    this.now = options.now ?? Date.now;
    this.quietMs = options.approvalQuietMs ?? 1_500;
    this.maxWaitMs = options.approvalMaxWaitMs ?? 5_000;
    this.crashDedupeMs = options.crashDedupeMs ?? 60_000;
    this.onlineDedupeMs = options.onlineDedupeMs ?? 30_000;
  }

  /** Toasts to raise right now for this event (approvals are deferred to drainDue). */
  handle(event: CoreNotificationEvent): NativeNotificationRequest[] {
    if (!this.options.enabled()) {
      this.burst = null;
      return [];
    }
    const now = this.now();
    switch (event.type) {
      case 'approval.added': {
        if (!this.burst) this.burst = { firstAtMs: now, lastAtMs: now, approvals: [] };
        this.burst.lastAtMs = now;
        this.burst.approvals.push(event.approval);
        return this.drainDue();
      }
      case 'service.crashed':
        return this.once(`crash:${event.service}`, this.crashDedupeMs, now, {
          key: `crash:${event.service}`,
          kind: 'crash',
          title: `${event.displayName} crashed`,
          body: `${event.detail} The companion is restarting it.`,
          actions: [{ id: 'open', label: 'Show health' }],
          urgency: 'normal',
          view: 'health',
        });
      case 'service.crash-looping':
        return this.once(`crash-loop:${event.service}`, this.crashDedupeMs, now, {
          key: `crash-loop:${event.service}`,
          kind: 'crash-loop',
          title: `${event.displayName} keeps crashing`,
          body: `${event.detail} Automatic restarts stopped; open the companion to retry.`,
          actions: [{ id: 'open', label: 'Show health' }],
          urgency: 'critical',
          view: 'health',
        });
      case 'gateway.online':
        return this.once('online', this.onlineDedupeMs, now, {
          key: 'online',
          kind: 'online',
          title: 'Palyra gateway is back online',
          body: 'Queued messages are being delivered.',
          actions: [{ id: 'open', label: 'Open chat' }],
          urgency: 'low',
          view: 'chat',
        });
    }
  }

  /** When drainDue() next has something to raise, or null. */
  nextDueAtMs(): number | null {
    if (!this.burst) return null;
    return Math.min(this.burst.lastAtMs + this.quietMs, this.burst.firstAtMs + this.maxWaitMs);
  }

  /** The grouped approval toast, once its burst has ended. */
  drainDue(): NativeNotificationRequest[] {
    const due = this.nextDueAtMs();
    if (due === null || this.now() < due || !this.burst) return [];
    const stillPending = this.options.stillPending ?? (() => true);
    const approvals = this.burst.approvals.filter((a) => stillPending(a.approvalId));
    this.burst = null;
    if (!this.options.enabled() || approvals.length === 0) return [];
    if (approvals.length === 1) return [singleApprovalToast(approvals[0]!)];
    const critical = approvals.some((a) => a.riskLevel === 'high' || a.riskLevel === 'critical');
    return [
      {
        key: APPROVAL_TOAST_KEY,
        kind: 'approval-group',
        title: `${approvals.length} approvals waiting`,
        body: approvals
          .slice(0, 3)
          .map((a) => (a.inputSummary ? `${a.toolName ?? a.title}: ${a.inputSummary.slice(0, 60)}` : a.title))
          .join(' · ')
          .concat(approvals.length > 3 ? ` · and ${approvals.length - 3} more` : ''),
        actions: [{ id: 'open', label: 'Review' }],
        urgency: critical ? 'critical' : 'normal',
        view: 'approvals',
      },
    ];
  }

  private once(
    dedupeKey: string,
    windowMs: number,
    now: number,
    request: NativeNotificationRequest,
  ): NativeNotificationRequest[] {
    const last = this.lastRaisedAt.get(dedupeKey);
    if (last !== undefined && now - last < windowMs) return [];
    this.lastRaisedAt.set(dedupeKey, now);
    return [request];
  }
}

/**
 * What the operator needs to decide from the toast alone: the input, on one line (already masked
 * by core), then risk and time limit. Falls back to the daemon's summary when there is no input.
 */
export function approvalToastBody(a: ApprovalView): string {
  const risk = a.riskLevel === 'unspecified' ? 'risk not stated' : `${a.riskLevel} risk`;
  const limit =
    a.expiresAtMs === null
      ? null
      : `decide within ${Math.max(1, Math.round((a.expiresAtMs - a.requestedAtMs) / 60_000))} min`;
  const input = a.inputSummary ? a.inputSummary : a.summary;
  return [input, [a.toolName, risk, limit].filter(Boolean).join(' · ')].join('\n');
}

function singleApprovalToast(a: ApprovalView): NativeNotificationRequest {
  return {
    key: APPROVAL_TOAST_KEY,
    kind: 'approval',
    title: `Approval needed: ${a.title}`,
    body: approvalToastBody(a),
    actions: [
      { id: 'approve', label: 'Approve once' },
      { id: 'deny', label: 'Deny' },
    ],
    approvalId: a.approvalId,
    urgency: a.riskLevel === 'high' || a.riskLevel === 'critical' ? 'critical' : 'normal',
    view: 'approvals',
  };
}
