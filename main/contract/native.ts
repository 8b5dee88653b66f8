// Core → shell: native OS notifications. Core's NotificationPolicy decides what to show (rate
// limits, grouping, the rollout flag); the shell only renders these and reports actions back.

export type NativeNotificationAction = 'approve' | 'deny' | 'open';

export interface NativeNotificationRequest {
  /** Stable key; a later request with the same key replaces the earlier toast (grouping). */
  key: string;
  kind: 'approval' | 'approval-group' | 'crash' | 'crash-loop' | 'online';
  title: string;
  body: string;
  /** Buttons to offer where the platform supports them; a click on the toast itself means `open`. */
  actions: { id: NativeNotificationAction; label: string }[];
  /** For `approval`: Approve/Deny decide this approval (scope once) without opening the window. */
  approvalId?: string;
  urgency: 'low' | 'normal' | 'critical';
  /** The view to open on click. */
  view: 'approvals' | 'health' | 'chat';
}
