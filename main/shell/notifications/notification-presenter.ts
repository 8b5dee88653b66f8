// Renders core's NativeNotificationRequests with the best mechanism the platform has and turns
// the operator's answer into a core call: Approve/Deny decide the approval (scope once) without
// opening the window; a click opens the popover at the request's view.
import type { CompanionCore } from '../../contract/dispatch';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../contract/native';
import type { View } from '../../contract/model';
import type { NotificationFactoryPort } from '../electron-ports';
import type { DbusNotifierOptions } from './dbus-notifier';
import { ElectronNotifier } from './electron-notifier';
import { WindowsToastNotifier, type ToasterPort } from './windows-toaster';

/** Try the session bus again after a failed connect, but not on every toast. */
const DBUS_RETRY_MS = 15_000;

export interface NotificationPresenterOptions {
  platform: NodeJS.Platform;
  core: Pick<CompanionCore, 'handlers'>;
  electron: NotificationFactoryPort;
  /**
   * Linux only: connects a D-Bus notifier (DbusNotifier.connect in production); `onLost` is called
   * when its connection dies (a restarted bus, a logout).
   */
  connectDbus(
    onAction: DbusNotifierOptions['onAction'],
    onLost: NonNullable<DbusNotifierOptions['onLost']>,
  ): Promise<ActionNotifier>;
  /** Windows only: node-notifier's WindowsToaster, for toasts with Approve/Deny buttons. */
  windowsToaster?: ToasterPort | null;
  openView(view: View, approvalId?: string): void;
  log(message: string): void;
  now?(): number;
}

/** What the presenter needs from the Linux notifier (DbusNotifier in production). */
export interface ActionNotifier {
  readonly supportsActions: boolean;
  show(request: NativeNotificationRequest): Promise<unknown>;
  disconnect(): void;
}

export type NotificationRoute = 'dbus' | 'windows-toaster' | 'electron' | 'none';

export class NotificationPresenter {
  private readonly options: NotificationPresenterOptions;
  private readonly electron: ElectronNotifier;
  private readonly toaster: WindowsToastNotifier | null;
  private dbus: ActionNotifier | null = null;
  private dbusConnecting: Promise<ActionNotifier | null> | null = null;
  private dbusFailedAtMs: number | null = null;

  constructor(options: NotificationPresenterOptions) {
    this.options = options;
    this.electron = new ElectronNotifier({
      factory: options.electron,
      // Electron renders `actions` on macOS only (its Notification docs); elsewhere click-to-open.
      withActions: options.platform === 'darwin',
      onAction: (request, action) => void this.handleAction(request, action),
    });
    this.toaster =
      options.platform === 'win32' && options.windowsToaster
        ? new WindowsToastNotifier({
            toaster: options.windowsToaster,
            onAction: (request, action) => void this.handleAction(request, action),
            log: options.log,
          })
        : null;
  }

  /** Shows a request; never throws (a lost toast is logged — the item stays in the inbox). */
  async show(request: NativeNotificationRequest): Promise<NotificationRoute> {
    try {
      if (this.options.platform === 'linux' && (await this.showOverDbus(request))) return 'dbus';
      if (this.toaster && request.actions.some((a) => a.id !== 'open')) {
        this.toaster.show(request);
        return 'windows-toaster';
      }
      if (!this.electron.supported) {
        this.options.log(`notification "${request.title}" not shown: notifications are not supported here`);
        return 'none';
      }
      this.electron.show(request);
      return 'electron';
    } catch (err) {
      this.options.log(
        `notification "${request.title}" not shown: ${err instanceof Error ? err.message : String(err)}`,
      );
      return 'none';
    }
  }

  /** Runs the operator's choice from a toast. Exposed for the platform notifiers. */
  async handleAction(request: NativeNotificationRequest, action: NativeNotificationAction): Promise<void> {
    if ((action === 'approve' || action === 'deny') && request.approvalId) {
      try {
        await this.options.core.handlers['approval.decide']({
          approvalId: request.approvalId,
          approved: action === 'approve',
          scope: 'once',
        });
        return;
      } catch (err) {
        // The decision did not land: show the inbox, where the approval and its error are.
        this.options.log(`approval ${request.approvalId} from notification failed: ${String(err)}`);
        this.options.openView('approvals', request.approvalId);
        return;
      }
    }
    this.options.openView(request.view, request.approvalId);
  }

  dispose(): void {
    this.dbus?.disconnect();
    this.dbus = null;
  }

  /**
   * True when D-Bus showed it. A notifier whose call fails is dropped and one fresh connection is
   * tried at once (the bus or the server may have restarted since); while none can be had, the
   * caller falls back to Electron's Notification.
   */
  private async showOverDbus(request: NativeNotificationRequest): Promise<boolean> {
    for (let attempt = 0; attempt < 2; attempt++) {
      const dbus = await this.linuxNotifier();
      if (!dbus?.supportsActions) return false;
      try {
        await dbus.show(request);
        return true;
      } catch (err) {
        this.options.log(
          `D-Bus notification failed, reconnecting: ${err instanceof Error ? err.message : String(err)}`,
        );
        this.drop(dbus);
      }
    }
    return false;
  }

  private drop(notifier: ActionNotifier): void {
    if (this.dbus === notifier) this.dbus = null;
    notifier.disconnect();
  }

  private async linuxNotifier(): Promise<ActionNotifier | null> {
    if (this.dbus) return this.dbus;
    const now = this.options.now?.() ?? Date.now();
    if (this.dbusFailedAtMs !== null && now - this.dbusFailedAtMs < DBUS_RETRY_MS) return null;
    let connected: ActionNotifier | null = null;
    const onLost = (err: unknown): void => {
      this.options.log(`D-Bus connection lost: ${err instanceof Error ? err.message : String(err)}`);
      if (connected) this.drop(connected);
    };
    this.dbusConnecting ??= this.options
      .connectDbus((request, action) => void this.handleAction(request, action), onLost)
      .then(
        (notifier) => {
          connected = notifier;
          this.dbus = notifier;
          this.dbusFailedAtMs = null;
          if (!notifier.supportsActions) {
            this.options.log(
              'the notification server has no action buttons; using click-to-open notifications',
            );
          }
          return notifier;
        },
        (err: unknown) => {
          this.dbusFailedAtMs = this.options.now?.() ?? Date.now();
          this.options.log(
            `D-Bus notifications unavailable, falling back: ${err instanceof Error ? err.message : String(err)}`,
          );
          return null;
        },
      )
      .finally(() => {
        this.dbusConnecting = null;
      });
    return this.dbusConnecting;
  }
}
