// Decides which native toasts to raise for core events. Pure logic with injected time: approvals
// are debounced and grouped under one key (a burst of 50 is one "50 approvals waiting" toast),
// crashes are de-duplicated per service, and nothing is raised when the rollout flag is off.
// Core calls handle() for each event and drainDue() when nextDueAtMs() arrives.
import type { ApprovalView, LanguagePreference } from '../../contract/model';
import { systemLanguage } from '../../contract/core-language';
import { notificationText, type NotificationTextKey } from '../../contract/notification-texts';
import type { MessageParams } from '../../contract/message-format';
import type { NativeNotificationRequest } from '../../contract/native';

export type CoreNotificationEvent =
  | { type: 'approval.added'; approval: ApprovalView }
  | {
      type: 'service.crashed';
      service: string;
      displayName: string;
      detail: string;
      exitCode?: number | null;
      signal?: string | null;
    }
  | { type: 'service.crash-looping'; service: string; displayName: string; detail: string }
  | { type: 'gateway.online' };

export interface NotificationPolicyOptions {
  now?: () => number;
  /** rollout.desktop_notifications_enabled, read at call time. */
  enabled: () => boolean;
  /** The operator's language preference, read at call time (default English). */
  language?: () => LanguagePreference;
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
          title: this.text('notifications.text.crash.title', { name: event.displayName }),
          body: this.text('notifications.text.crash.body', { detail: this.exitDetail(event) }),
          actions: [{ id: 'open', label: this.text('notifications.action.showHealth') }],
          urgency: 'normal',
          view: 'health',
        });
      case 'service.crash-looping':
        return this.once(`crash-loop:${event.service}`, this.crashDedupeMs, now, {
          key: `crash-loop:${event.service}`,
          kind: 'crash-loop',
          title: this.text('notifications.text.crashLoop.toastTitle', { name: event.displayName }),
          body: this.text('notifications.text.crashLoop.body', {
            detail: this.text('notifications.text.crashLoop.detail', { name: event.displayName }),
          }),
          actions: [{ id: 'open', label: this.text('notifications.action.showHealth') }],
          urgency: 'critical',
          view: 'health',
        });
      case 'gateway.online':
        return this.once('online', this.onlineDedupeMs, now, {
          key: 'online',
          kind: 'online',
          title: this.text('notifications.text.online.toastTitle'),
          body: this.text('notifications.text.online.body'),
          actions: [{ id: 'open', label: this.text('notifications.action.openChat') }],
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
    if (approvals.length === 1) return [singleApprovalToast(approvals[0]!, this.text)];
    const critical = approvals.some((a) => a.riskLevel === 'high' || a.riskLevel === 'critical');
    return [
      {
        key: APPROVAL_TOAST_KEY,
        kind: 'approval-group',
        title: this.text('notifications.text.approvalGroup.title', { count: approvals.length }),
        body: approvals
          .slice(0, 3)
          .map((a) => (a.inputSummary ? `${a.toolName ?? a.title}: ${a.inputSummary.slice(0, 60)}` : a.title))
          .join(' · ')
          .concat(
            approvals.length > 3
              ? ` · ${this.text('notifications.text.approvalGroup.more', { count: approvals.length - 3 })}`
              : '',
          ),
        actions: [{ id: 'open', label: this.text('notifications.action.review') }],
        urgency: critical ? 'critical' : 'normal',
        view: 'approvals',
      },
    ];
  }

  /** A toast text in the operator's language (core raises toasts; the shell only shows them). */
  private readonly text = (key: NotificationTextKey, params?: MessageParams): string =>
    notificationText(this.options.language?.() ?? 'en', key, params, systemLanguage(process.env));

  /** Core words an exit as `<name> exited with code N` / `<name> was killed by SIG…`. */
  private exitDetail(event: {
    displayName: string;
    detail: string;
    exitCode?: number | null;
    signal?: string | null;
  }): string {
    if (typeof event.exitCode === 'number')
      return this.text('notifications.text.crash.exitCode', {
        name: event.displayName,
        code: event.exitCode,
      });
    if (event.signal)
      return this.text('notifications.text.crash.signal', { name: event.displayName, signal: event.signal });
    return event.detail;
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
type Text = (key: NotificationTextKey, params?: MessageParams) => string;
const english: Text = (key, params) => notificationText('en', key, params);

export function approvalToastBody(a: ApprovalView, text: Text = english): string {
  const risk = text(`notifications.text.risk.${a.riskLevel}`);
  const limit =
    a.expiresAtMs === null
      ? null
      : text('notifications.text.approval.decideWithin', {
          minutes: Math.max(1, Math.round((a.expiresAtMs - a.requestedAtMs) / 60_000)),
        });
  const input = a.inputSummary ? a.inputSummary : a.summary;
  return [input, [a.toolName, risk, limit].filter(Boolean).join(' · ')].join('\n');
}

function singleApprovalToast(a: ApprovalView, text: Text): NativeNotificationRequest {
  return {
    key: APPROVAL_TOAST_KEY,
    kind: 'approval',
    title: text('notifications.text.approval.toastTitle', { title: a.title }),
    body: approvalToastBody(a, text),
    actions: [
      { id: 'approve', label: text('notifications.action.approveOnce') },
      { id: 'deny', label: text('notifications.action.deny') },
    ],
    approvalId: a.approvalId,
    urgency: a.riskLevel === 'high' || a.riskLevel === 'critical' ? 'critical' : 'normal',
    view: 'approvals',
  };
}
