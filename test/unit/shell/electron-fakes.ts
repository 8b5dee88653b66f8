// Typed fakes of the Electron pieces the shell uses. Each implements the port type derived from
// electron's .d.ts, so a signature change in Electron breaks these fakes at compile time too.
import { EventEmitter } from 'node:events';
import type {
  CustomScheme,
  HandlerDetails,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Settings,
  WindowOpenHandlerResponse,
} from 'electron';
import type {
  GlobalShortcutPort,
  InvokeEventView,
  IpcMainPort,
  LoginItemPort,
  MenuFactoryPort,
  NotificationFactoryPort,
  NotificationPort,
  ProtocolPort,
  QuitPort,
  SessionPort,
  ShellPort,
  SingleInstancePort,
  TrayPort,
  WebContentsPort,
} from '../../../main/shell/electron-ports';
import type { NotificationCallback } from 'node-notifier';
import type { ToasterNotification, ToasterPort } from '../../../main/shell/notifications/windows-toaster';
import type { MenubarPort, PopoverWindowPort } from '../../../main/shell/popover';

export class FakeMenu {
  constructor(readonly template: MenuItemConstructorOptions[]) {}

  item(id: string): MenuItemConstructorOptions {
    const found = this.template.find((i) => i.id === id);
    if (!found) throw new Error(`no menu item ${id}`);
    return found;
  }

  labels(): string[] {
    return this.template.filter((i) => i.type !== 'separator').map((i) => String(i.label));
  }

  /** Runs an item's click handler as Electron would. */
  click(id: string): void {
    const click = this.item(id).click as unknown as () => void;
    click();
  }
}

export const fakeMenus: MenuFactoryPort<FakeMenu> = {
  buildFromTemplate: (template) => new FakeMenu(template),
};

export class FakeTray extends EventEmitter implements TrayPort<FakeMenu> {
  image: string | null = null;
  tooltip: string | null = null;
  title: string | null = null;
  contextMenu: FakeMenu | null = null;
  readonly popups: FakeMenu[] = [];
  readonly calls: string[] = [];

  setImage(image: Electron.NativeImage | string): void {
    this.calls.push('setImage');
    this.image = typeof image === 'string' ? image : 'native-image';
  }
  setToolTip(toolTip: string): void {
    this.calls.push('setToolTip');
    this.tooltip = toolTip;
  }
  setTitle(title: string): void {
    this.calls.push('setTitle');
    this.title = title;
  }
  setContextMenu(menu: FakeMenu | null): void {
    this.calls.push('setContextMenu');
    this.contextMenu = menu;
  }
  popUpContextMenu(menu?: FakeMenu): void {
    if (menu) this.popups.push(menu);
  }
}

type NavigationDetails = { preventDefault(): void; url: string };

export class FakeWebContents extends EventEmitter implements WebContentsPort {
  private static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly session = new FakeSession();
  readonly sent: { channel: string; args: unknown[] }[] = [];
  destroyed = false;
  windowOpenHandler: ((details: HandlerDetails) => WindowOpenHandlerResponse) | null = null;

  send(channel: string, ...args: unknown[]): void {
    if (this.destroyed) throw new Error('Object has been destroyed');
    this.sent.push({ channel, args });
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  setWindowOpenHandler(handler: (details: HandlerDetails) => WindowOpenHandlerResponse): void {
    this.windowOpenHandler = handler;
  }

  /** Emits a navigation the way Electron does; returns whether it was prevented. */
  navigate(event: 'will-navigate' | 'will-redirect', url: string): boolean {
    let prevented = false;
    const details: NavigationDetails = { url, preventDefault: () => (prevented = true) };
    this.emit(event, details);
    return prevented;
  }

  openWindow(url: string): WindowOpenHandlerResponse | null {
    return (
      this.windowOpenHandler?.({
        url,
        frameName: '',
        features: '',
        disposition: 'new-window',
        referrer: { url: '', policy: 'no-referrer' },
      }) ?? null
    );
  }
}

type RequestHandler = NonNullable<Parameters<SessionPort['setPermissionRequestHandler']>[0]>;
type CheckHandler = NonNullable<Parameters<SessionPort['setPermissionCheckHandler']>[0]>;
export type PermissionName = Parameters<RequestHandler>[1];
export type CheckedPermissionName = Parameters<CheckHandler>[1];

/** The shell's handlers ignore their webContents argument; Electron's type still asks for one. */
const NO_WEB_CONTENTS = {} as Electron.WebContents;

/** Session's permission handlers, with Electron's own signatures. */
export class FakeSession implements SessionPort {
  requestHandler: RequestHandler | null = null;
  checkHandler: CheckHandler | null = null;
  setPermissionRequestHandler(handler: RequestHandler | null): void {
    this.requestHandler = handler;
  }
  setPermissionCheckHandler(handler: CheckHandler | null): void {
    this.checkHandler = handler;
  }
  /** What Electron answers a permission request from a frame at `requestingUrl`. */
  request(
    permission: PermissionName,
    requestingUrl: string,
    isMainFrame = true,
    /** For `media`: what getUserMedia asked for (Electron's MediaAccessPermissionRequest). */
    mediaTypes?: ('audio' | 'video')[],
  ): Promise<boolean> {
    const handler = this.requestHandler;
    // Electron's default without a handler: granted.
    if (!handler) return Promise.resolve(true);
    return new Promise((resolve) =>
      handler(NO_WEB_CONTENTS, permission, resolve, {
        requestingUrl,
        isMainFrame,
        ...(mediaTypes ? { mediaTypes } : {}),
      }),
    );
  }
  /** What Electron answers a permission check; `embeddingOrigin` is set for cross-origin subframes. */
  check(
    permission: CheckedPermissionName,
    requestingOrigin: string,
    details: {
      isMainFrame: boolean;
      embeddingOrigin?: string;
      mediaType?: 'audio' | 'video' | 'unknown';
    } = { isMainFrame: true },
  ): boolean {
    return this.checkHandler ? this.checkHandler(null, permission, requestingOrigin, details) : true;
  }
}

export class FakeWindow implements PopoverWindowPort {
  readonly webContents = new FakeWebContents();
  destroyed = false;
  focused = 0;
  isDestroyed(): boolean {
    return this.destroyed;
  }
  focus(): void {
    this.focused++;
  }
}

/** Behaves like menubar with preloadWindow: the window is made (and loaded) when the app is ready. */
export class FakeMenubar extends EventEmitter implements MenubarPort<FakeMenu> {
  readonly tray = new FakeTray();
  window: FakeWindow | undefined;
  visible = false;
  showCount = 0;

  ready(): void {
    this.createWindow();
    this.emit('ready');
  }
  createWindow(): FakeWindow {
    this.window = new FakeWindow();
    this.emit('before-load');
    return this.window;
  }
  async showWindow(): Promise<void> {
    if (!this.window) this.createWindow();
    this.showCount++;
    this.visible = true;
  }
  hideWindow(): void {
    this.visible = false;
  }
}

type InvokeListener = (event: InvokeEventView, ...args: unknown[]) => Promise<unknown>;

export class FakeIpcMain implements IpcMainPort {
  readonly handlers = new Map<string, InvokeListener>();
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  /** What ipcRenderer.invoke from `sender` would produce. */
  invoke(
    sender: { id: number; frameUrl: string | null },
    channel: string,
    ...args: unknown[]
  ): Promise<unknown> {
    const listener = this.handlers.get(channel);
    if (!listener) return Promise.reject(new Error(`No handler registered for '${channel}'`));
    const event: InvokeEventView = {
      sender: { id: sender.id },
      senderFrame: sender.frameUrl === null ? null : { url: sender.frameUrl },
    };
    return listener(event, ...args);
  }
}

export class FakeShell implements ShellPort {
  readonly opened: string[] = [];
  failWith: Error | null = null;
  async openExternal(url: string): Promise<void> {
    if (this.failWith) throw this.failWith;
    this.opened.push(url);
  }
}

export class FakeGlobalShortcut implements GlobalShortcutPort {
  readonly registered = new Map<string, () => void>();
  /** Accelerators "owned by another app": register returns false. */
  readonly taken = new Set<string>();
  /** Accelerators Electron rejects as malformed: register throws. */
  readonly invalid = new Set<string>();
  register(accelerator: string, callback: () => void): boolean {
    if (this.invalid.has(accelerator))
      throw new Error(`Error processing argument at index 0, conversion failure`);
    if (this.taken.has(accelerator)) return false;
    this.registered.set(accelerator, callback);
    return true;
  }
  unregister(accelerator: string): void {
    this.registered.delete(accelerator);
  }
  press(accelerator: string): void {
    const callback = this.registered.get(accelerator);
    if (!callback) throw new Error(`${accelerator} is not registered`);
    callback();
  }
}

/**
 * Electron's app: quit() emits before-quit, and only quits if nobody prevented it. Closing the
 * last window quits too unless someone listens to window-all-closed (Electron's documented
 * default: "If you do not subscribe to this event and all windows are closed, the default
 * behavior is to quit the app").
 */
export class FakeApp extends EventEmitter implements LoginItemPort, QuitPort, SingleInstancePort {
  readonly loginItemSettings: Settings[] = [];
  hasLock = true;
  quitRequests = 0;
  quitted = false;
  exitCode: number | null = null;

  setLoginItemSettings(settings: Settings): void {
    this.loginItemSettings.push(settings);
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quitRequests++;
    let prevented = false;
    this.emit('before-quit', { preventDefault: () => (prevented = true) });
    if (!prevented) this.quitted = true;
  }
  exit(exitCode?: number): void {
    this.exitCode = exitCode ?? 0;
  }
  /** The user closed the last window (Alt+F4 / Cmd+W on the popover). */
  closeAllWindows(): void {
    if (this.listenerCount('window-all-closed') > 0) this.emit('window-all-closed');
    else this.quit();
  }
}

export class FakeToast extends EventEmitter implements NotificationPort {
  shown = false;
  closed = false;
  constructor(readonly options: NotificationConstructorOptions) {
    super();
  }
  show(): void {
    this.shown = true;
  }
  close(): void {
    this.closed = true;
    this.emit('close');
  }
  clickAction(index: number): void {
    this.emit('action', { actionIndex: index }, index);
  }
}

export class FakeNotifications implements NotificationFactoryPort {
  readonly toasts: FakeToast[] = [];
  supported = true;
  isSupported(): boolean {
    return this.supported;
  }
  create(options: NotificationConstructorOptions): FakeToast {
    const toast = new FakeToast(options);
    this.toasts.push(toast);
    return toast;
  }
}

/** Electron's protocol module: privileged schemes are registered before ready, handlers after. */
export class FakeProtocol implements ProtocolPort {
  readonly privileged: CustomScheme[] = [];
  readonly handlers = new Map<string, (request: Request) => Response | Promise<Response>>();
  registerSchemesAsPrivileged(customSchemes: CustomScheme[]): void {
    this.privileged.push(...customSchemes);
  }
  handle(scheme: string, handler: (request: Request) => Response | Promise<Response>): void {
    this.handlers.set(scheme, handler);
  }
}

/**
 * node-notifier's WindowsToaster (SnoreToast): records each notify and answers through the
 * callback the way toaster.js does — the pressed button's label lower-cased, `activate` for a
 * click on the toast, `dismissed` / `timeout` otherwise.
 */
export class FakeWindowsToaster implements ToasterPort {
  readonly notified: { notification: ToasterNotification; callback: NotificationCallback }[] = [];
  notify(notification: ToasterNotification, callback: NotificationCallback): this {
    this.notified.push({ notification, callback });
    return this;
  }
  /** The user's answer to the toast with `id`. */
  answer(id: number, response: string): void {
    const toast = this.notified.find((n) => n.notification.id === id);
    if (!toast) throw new Error(`no toast ${id}`);
    toast.callback(null, response, { activationType: response });
  }
}
