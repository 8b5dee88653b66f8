// Linux notifications straight over D-Bus (org.freedesktop.Notifications), because that is the
// only way to get action buttons there: Electron's Notification and node-notifier both drop them.
// Plain Node — no Electron — so it is tested for real against a recording server on a private bus.
import * as dbus from 'dbus-next';
import type { NativeNotificationAction, NativeNotificationRequest } from '../../contract/native';
import { CompanionError } from '../../core/errors';

const SERVICE = 'org.freedesktop.Notifications';
const OBJECT_PATH = '/org/freedesktop/Notifications';

/** `default` is the spec's name for a click on the notification body. */
const DEFAULT_ACTION = 'default';

const urgencyByte = { low: 0, normal: 1, critical: 2 } as const;

export interface DbusNotifierOptions {
  appName: string;
  /** Defaults to process.env; the address must be explicit (no X11 autolaunch). */
  env?: NodeJS.ProcessEnv;
  /** Fired for a button or a click on the body (`open`). */
  onAction(request: NativeNotificationRequest, action: NativeNotificationAction): void;
  /**
   * The connection died (the bus or the session went away). The notifier is useless from then on;
   * the owner drops it and connects anew for the next toast.
   */
  onLost?(err: unknown): void;
  /** How long to wait for the bus and the server before giving up. */
  connectTimeoutMs?: number;
  /** How long one Notify may take: a call on a dead connection never answers (dbus-next). */
  callTimeoutMs?: number;
}

interface NotificationsInterface extends dbus.ClientInterface {
  Notify(
    appName: string,
    replacesId: number,
    icon: string,
    summary: string,
    body: string,
    actions: string[],
    hints: Record<string, dbus.Variant>,
    timeoutMs: number,
  ): Promise<number>;
  CloseNotification(id: number): Promise<void>;
  GetCapabilities(): Promise<string[]>;
}

export class DbusNotifier {
  readonly capabilities: readonly string[];
  private readonly bus: dbus.MessageBus;
  private readonly iface: NotificationsInterface;
  private readonly options: DbusNotifierOptions;
  /** Server id per request key, so a newer request replaces the older toast. */
  private readonly idByKey = new Map<string, number>();
  private readonly requestById = new Map<number, NativeNotificationRequest>();
  /** Rejects once the connection is lost; every call races it. */
  private readonly lost: Promise<never>;
  private lostError: unknown = null;

  private constructor(
    bus: dbus.MessageBus,
    iface: NotificationsInterface,
    capabilities: string[],
    options: DbusNotifierOptions,
  ) {
    this.bus = bus;
    this.iface = iface;
    this.capabilities = capabilities;
    this.options = options;
    iface.on('ActionInvoked', (id: number, actionKey: string) => this.actionInvoked(id, actionKey));
    iface.on('NotificationClosed', (id: number) => this.forget(id));
    // dbus-next reports a dead socket as an 'error' on the bus (at the latest when it next writes
    // to it: "Tried to write a message to a closed stream"); the call itself then never settles.
    this.lost = new Promise<never>((_resolve, reject) => {
      bus.on('error', (err: unknown) => {
        if (this.lostError !== null) return;
        this.lostError = err ?? new Error('the D-Bus connection was lost');
        reject(this.lostError);
        options.onLost?.(this.lostError);
      });
    });
    this.lost.catch(() => undefined);
  }

  /** Connects to the session bus and the notification server; throws an actionable error if either is missing. */
  static async connect(options: DbusNotifierOptions): Promise<DbusNotifier> {
    const env = options.env ?? process.env;
    const address = env.DBUS_SESSION_BUS_ADDRESS;
    if (!address) {
      throw new CompanionError(
        'dbus_unavailable',
        'No D-Bus session bus is available for desktop notifications.',
        'Start the companion from a desktop session (DBUS_SESSION_BUS_ADDRESS must be set).',
      );
    }
    const bus = dbus.sessionBus({ busAddress: address });
    let busError: ((err: unknown) => void) | null = null;
    // A bus that dies later must not crash the app; until connected, its error fails connect().
    bus.on('error', (err: unknown) => busError?.(err));
    let timer: NodeJS.Timeout | undefined;
    const failed = new Promise<never>((_resolve, reject) => {
      busError = reject;
      timer = setTimeout(
        () => reject(new Error('timed out waiting for the notification server')),
        options.connectTimeoutMs ?? 5000,
      );
    });
    // Whichever way connect() ends, this promise must not surface as an unhandled rejection.
    failed.catch(() => undefined);
    try {
      const iface = await Promise.race([
        bus
          .getProxyObject(SERVICE, OBJECT_PATH)
          .then((obj) => obj.getInterface<NotificationsInterface>(SERVICE)),
        failed,
      ]);
      const capabilities = await Promise.race([iface.GetCapabilities(), failed]);
      return new DbusNotifier(bus, iface, capabilities, options);
    } catch (err) {
      bus.disconnect();
      throw new CompanionError(
        'notification_server_unavailable',
        `The desktop notification server could not be reached: ${describe(err)}.`,
        'Install or start a notification daemon (e.g. dunst, or your desktop’s own), then restart the companion.',
        { cause: err },
      );
    } finally {
      busError = null;
      clearTimeout(timer);
    }
  }

  get supportsActions(): boolean {
    return this.capabilities.includes('actions');
  }

  /** Shows (or replaces, by key) a notification; returns the server's id. */
  async show(request: NativeNotificationRequest): Promise<number> {
    const actions: string[] = [];
    if (this.supportsActions) {
      actions.push(DEFAULT_ACTION, 'Open');
      for (const action of request.actions) {
        if (action.id !== 'open') actions.push(action.id, action.label);
      }
    }
    const hints: Record<string, dbus.Variant> = {
      urgency: new dbus.Variant('y', urgencyByte[request.urgency]),
      category: new dbus.Variant('s', request.kind.startsWith('approval') ? 'im.received' : 'device.error'),
    };
    const replacesId = this.idByKey.get(request.key) ?? 0;
    let timer: NodeJS.Timeout | undefined;
    try {
      if (this.lostError !== null) throw this.lostError;
      const timeoutMs = this.options.callTimeoutMs ?? 5000;
      const timedOut = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      });
      const call = this.iface.Notify(
        this.options.appName,
        replacesId,
        '',
        request.title,
        request.body,
        actions,
        hints,
        // Approvals wait for the operator; anything else uses the server's default timeout.
        request.kind === 'approval' ? 0 : -1,
      );
      const id = await Promise.race([call, this.lost, timedOut]);
      if (replacesId !== 0 && replacesId !== id) this.requestById.delete(replacesId);
      this.idByKey.set(request.key, id);
      this.requestById.set(id, request);
      return id;
    } catch (err) {
      throw new CompanionError(
        'notification_failed',
        `The desktop notification could not be shown: ${describe(err)}.`,
        'Check that the notification daemon is running; the item is still in the companion inbox.',
        { cause: err },
      );
    } finally {
      clearTimeout(timer);
    }
  }

  /** False once the connection is known to be dead. */
  get connected(): boolean {
    return this.lostError === null;
  }

  /** Withdraws the toast for a key, e.g. once its approval was decided elsewhere. */
  async close(key: string): Promise<void> {
    const id = this.idByKey.get(key);
    if (id === undefined) return;
    this.forget(id);
    await Promise.race([this.iface.CloseNotification(id), this.lost]).catch(() => undefined);
  }

  disconnect(): void {
    this.iface.removeAllListeners();
    this.bus.disconnect();
  }

  private actionInvoked(id: number, actionKey: string): void {
    // Signals are broadcast: ignore those for other applications' notifications.
    const request = this.requestById.get(id);
    if (!request) return;
    const action = toAction(actionKey);
    if (action) this.options.onAction(request, action);
  }

  private forget(id: number): void {
    const request = this.requestById.get(id);
    if (!request) return;
    this.requestById.delete(id);
    if (this.idByKey.get(request.key) === id) this.idByKey.delete(request.key);
  }
}

function toAction(actionKey: string): NativeNotificationAction | null {
  if (actionKey === DEFAULT_ACTION || actionKey === 'open') return 'open';
  if (actionKey === 'approve' || actionKey === 'deny') return actionKey;
  return null;
}

function describe(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
