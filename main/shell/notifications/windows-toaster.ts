// Windows toasts with Approve/Deny buttons. Electron's Notification `actions` are macOS-only (its
// docs: "actions NotificationAction[] (optional) macOS"), so on Windows they go through
// node-notifier's WindowsToaster (SnoreToast), which shows buttons and reports which one was
// pressed. The toaster's own types omit `actions`; node-notifier maps it to SnoreToast's -b
// (lib/utils.js mapToWin8) and answers with the pressed button's label, lower-cased.
import type { NotificationCallback, NotificationMetadata } from 'node-notifier';
import type WindowsToaster from 'node-notifier/notifiers/toaster';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../contract/native';
import { WINDOWS_APP_USER_MODEL_ID } from '../app-identity';

/** Plus the two options node-notifier's code reads but its types omit: `actions`, and `close` (an id). */
export type ToasterNotification = WindowsToaster.Notification & { actions?: string[]; close?: number };

/** The part of a WindowsToaster the shell uses; a typed fake in tests. */
export interface ToasterPort {
  notify(notification: ToasterNotification, callback: NotificationCallback): unknown;
}

export interface WindowsToastNotifierOptions {
  toaster: ToasterPort;
  onAction(request: NativeNotificationRequest, action: NativeNotificationAction): void;
  log(message: string): void;
}

export class WindowsToastNotifier {
  private readonly options: WindowsToastNotifierOptions;
  private nextId = 1;
  /** Toast id per request key, so a newer request replaces the older toast. */
  private readonly idByKey = new Map<string, number>();

  constructor(options: WindowsToastNotifierOptions) {
    this.options = options;
  }

  show(request: NativeNotificationRequest): void {
    this.close(request.key);
    const id = this.nextId++;
    this.idByKey.set(request.key, id);
    const buttons = request.actions.filter((a) => a.id !== 'open');
    this.options.toaster.notify(
      {
        title: request.title,
        message: request.body,
        id,
        // Must be the Start-menu shortcut's id, or Windows drops the toast (or labels it SnoreToast).
        appID: WINDOWS_APP_USER_MODEL_ID,
        actions: buttons.map((b) => b.label),
        sound: request.urgency === 'critical',
      },
      (err: Error | null, response: string, metadata?: NotificationMetadata) => {
        if (this.idByKey.get(request.key) === id) this.idByKey.delete(request.key);
        if (err) {
          this.options.log(`Windows toast "${request.title}" failed: ${err.message}`);
          return;
        }
        const answer = (response || metadata?.activationType || '').toLowerCase();
        if (answer === 'activate') {
          this.options.onAction(request, 'open');
          return;
        }
        const chosen = buttons.find((b) => b.label.toLowerCase() === answer);
        if (chosen) this.options.onAction(request, chosen.id);
      },
    );
  }

  /** Withdraws the toast for a key (SnoreToast's -close <id>). */
  close(key: string): void {
    const id = this.idByKey.get(key);
    if (id === undefined) return;
    this.idByKey.delete(key);
    // toaster.js requires `message` or `close` before it maps `remove` to `close`; so `close`.
    this.options.toaster.notify({ close: id, appID: WINDOWS_APP_USER_MODEL_ID }, () => undefined);
  }
}
