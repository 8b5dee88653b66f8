// The slices of Electron's API the shell modules use, taken from electron's own .d.ts. Each module
// receives these as parameters, so unit tests inject typed fakes and main.ts passes the real
// objects — if Electron changes a signature, main.ts (and the fakes) stop compiling.
import type {
  App,
  GlobalShortcut,
  HandlerDetails,
  IpcMain,
  KeyboardEvent,
  MenuItemConstructorOptions,
  NotificationConstructorOptions,
  Protocol,
  Rectangle,
  Session,
  Shell,
  Tray,
  WebContents,
} from 'electron';

/** `Menu.buildFromTemplate`; generic over the menu type so a fake need not be a whole Electron.Menu. */
export interface MenuFactoryPort<M> {
  buildFromTemplate(template: MenuItemConstructorOptions[]): M;
}

export type TrayPort<M> = Pick<Tray, 'setImage' | 'setToolTip' | 'setTitle'> & {
  setContextMenu(menu: M | null): void;
  popUpContextMenu(menu?: M): void;
  on(event: 'right-click', listener: (event: KeyboardEvent, bounds: Rectangle) => void): unknown;
};

export type WebContentsPort = Pick<WebContents, 'id' | 'send' | 'setWindowOpenHandler' | 'isDestroyed'> & {
  on(event: 'will-navigate', listener: (details: { preventDefault(): void; url: string }) => void): unknown;
  on(event: 'will-redirect', listener: (details: { preventDefault(): void; url: string }) => void): unknown;
};

export type SessionPort = Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler'>;

export type ProtocolPort = Pick<Protocol, 'registerSchemesAsPrivileged' | 'handle'>;

/** What the IPC handler looks at to decide whether a call comes from our popover. */
export interface InvokeEventView {
  sender: { id: number };
  senderFrame: { url: string } | null;
}

export interface IpcMainPort {
  handle(channel: string, listener: (event: InvokeEventView, ...args: unknown[]) => Promise<unknown>): void;
  removeHandler: IpcMain['removeHandler'];
}

export type ShellPort = Pick<Shell, 'openExternal'>;

export type GlobalShortcutPort = Pick<GlobalShortcut, 'register' | 'unregister'>;

export type LoginItemPort = Pick<App, 'setLoginItemSettings'>;

export type SingleInstancePort = Pick<App, 'requestSingleInstanceLock' | 'quit'> & {
  on(event: 'second-instance', listener: () => void): unknown;
};

export type QuitPort = Pick<App, 'quit' | 'exit'> & {
  on(event: 'before-quit', listener: (event: { preventDefault(): void }) => void): unknown;
  on(event: 'window-all-closed', listener: () => void): unknown;
};

/** One Electron toast, as much of it as the shell drives. */
export interface NotificationPort {
  show(): void;
  close(): void;
  on(event: 'click', listener: () => void): unknown;
  on(event: 'action', listener: (details: { actionIndex: number }, actionIndex: number) => void): unknown;
  on(event: 'close', listener: () => void): unknown;
}

export interface NotificationFactoryPort {
  isSupported(): boolean;
  create(options: NotificationConstructorOptions): NotificationPort;
}

export type { HandlerDetails };
