// The in-app notification list (bell menu): newest 40 kept in state.json, read flags included.
import { randomUUID } from 'node:crypto';
import type { CompanionNotification, NotificationKind } from '../../contract/model';
import { keepNewest, MAX_NOTIFICATIONS } from '../state/schema';
import type { StateStore } from '../state/state-store';

export interface NewNotification {
  kind: NotificationKind;
  title: string;
  detail: string;
  approvalId?: string;
  service?: string;
  /** The text's stable name and values, for the UI to say it in the operator's language. */
  code?: string;
  params?: Record<string, string | number>;
}

export class NotificationFeed {
  constructor(
    private readonly state: StateStore,
    private readonly now: () => number = Date.now,
    private readonly newId: () => string = randomUUID,
  ) {}

  list(): CompanionNotification[] {
    return this.state.state.notifications;
  }

  unreadCount(): number {
    return this.state.state.notifications.reduce((n, x) => n + (x.read ? 0 : 1), 0);
  }

  async add(input: NewNotification): Promise<CompanionNotification> {
    const entry: CompanionNotification = {
      id: this.newId(),
      kind: input.kind,
      title: input.title.slice(0, 500),
      detail: input.detail.slice(0, 4000),
      createdAtMs: this.now(),
      read: false,
      ...(input.approvalId ? { approvalId: input.approvalId } : {}),
      ...(input.service ? { service: input.service } : {}),
      ...(input.code ? { code: input.code, params: input.params ?? {} } : {}),
    };
    await this.state.update((s) => ({
      ...s,
      notifications: keepNewest([...s.notifications, entry], MAX_NOTIFICATIONS),
    }));
    return entry;
  }

  /** A decided or expired approval needs nothing more: its notifications count as read. */
  async markApprovalRead(approvalId: string): Promise<number> {
    const ids = this.state.state.notifications.filter((n) => n.approvalId === approvalId).map((n) => n.id);
    return ids.length === 0 ? 0 : this.markRead(ids);
  }

  /** Marks the given ids (all when omitted) as read; returns how many changed. */
  async markRead(ids?: readonly string[]): Promise<number> {
    const wanted = ids ? new Set(ids) : null;
    let changed = 0;
    await this.state.update((s) => {
      changed = 0;
      const notifications = s.notifications.map((n) => {
        if (n.read || (wanted && !wanted.has(n.id))) return n;
        changed += 1;
        return { ...n, read: true };
      });
      return changed > 0 ? { ...s, notifications } : s;
    });
    return changed;
  }
}
