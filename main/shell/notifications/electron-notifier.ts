// macOS and Windows toasts through Electron's Notification, with Approve/Deny buttons where the
// platform renders them; also the Linux fallback when no D-Bus server with actions is there.
import type { NativeNotificationAction, NativeNotificationRequest } from '../../contract/native';
import type { NotificationFactoryPort, NotificationPort } from '../electron-ports';

export interface ElectronNotifierOptions {
  factory: NotificationFactoryPort;
  /** Whether the platform shows action buttons (macOS, Windows). */
  withActions: boolean;
  onAction(request: NativeNotificationRequest, action: NativeNotificationAction): void;
}

export class ElectronNotifier {
  private readonly options: ElectronNotifierOptions;
  /** Live toasts by key: replaced by a newer request, and kept referenced so their events still fire. */
  private readonly live = new Map<string, NotificationPort>();

  constructor(options: ElectronNotifierOptions) {
    this.options = options;
  }

  get supported(): boolean {
    return this.options.factory.isSupported();
  }

  show(request: NativeNotificationRequest): void {
    const buttons = this.options.withActions ? request.actions.filter((a) => a.id !== 'open') : [];
    const toast = this.options.factory.create({
      title: request.title,
      body: request.body,
      urgency: request.urgency,
      timeoutType: request.kind === 'approval' ? 'never' : 'default',
      actions: buttons.map((a) => ({ type: 'button', text: a.label })),
    });
    toast.on('click', () => this.options.onAction(request, 'open'));
    toast.on('action', (details) => {
      const chosen = buttons[details.actionIndex];
      if (chosen) this.options.onAction(request, chosen.id);
    });
    toast.on('close', () => {
      if (this.live.get(request.key) === toast) this.live.delete(request.key);
    });
    this.live.get(request.key)?.close();
    this.live.set(request.key, toast);
    toast.show();
  }

  close(key: string): void {
    const toast = this.live.get(key);
    this.live.delete(key);
    toast?.close();
  }
}
