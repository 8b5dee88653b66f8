// The menubar popover: one sandboxed window loading palyra-companion://ui/index.html (build/tray-ui). It is the only
// renderer the shell trusts, so it also answers "is this IPC sender the popover?".
import type { InvokeEventView, SessionPort, TrayPort, WebContentsPort } from './electron-ports';
import { lockNavigation, lockSession, popoverWebPreferences } from './content-security';
import type { ShellPaths } from './app-paths';

/** menubar's own options type (not exported by name, so taken from its factory). */
type MenubarOptions = NonNullable<Parameters<typeof import('menubar').menubar>[0]>;

export const POPOVER_WIDTH = 380;
export const POPOVER_HEIGHT = 560;

export interface PopoverWindowPort {
  readonly webContents: WebContentsPort & { readonly session: SessionPort };
  isDestroyed(): boolean;
  focus(): void;
}

/** The part of a `menubar` instance the shell drives. */
export interface MenubarPort<M> {
  readonly tray: TrayPort<M>;
  readonly window: PopoverWindowPort | undefined;
  showWindow(): Promise<void>;
  hideWindow(): void;
  on(event: 'ready' | 'before-load', listener: () => void): unknown;
}

export function popoverMenubarOptions(
  paths: ShellPaths,
  trayIcon: string,
  tooltip: string,
): Partial<MenubarOptions> {
  return {
    index: paths.indexUrl,
    icon: trayIcon,
    tooltip,
    // Created at startup so notifications and the hotkey can open it instantly.
    preloadWindow: true,
    showDockIcon: false,
    browserWindow: {
      width: POPOVER_WIDTH,
      height: POPOVER_HEIGHT,
      show: false,
      resizable: false,
      fullscreenable: false,
      // A popover, not an app window: no taskbar entry on Windows and Linux.
      skipTaskbar: true,
      webPreferences: popoverWebPreferences(paths.preload),
    },
  };
}

export class Popover<M> {
  private readonly menubar: MenubarPort<M>;
  private readonly indexUrl: string;
  /** menubar throws if asked to show before its tray exists; early requests wait for `ready`. */
  private readonly ready: Promise<void>;

  constructor(menubar: MenubarPort<M>, indexUrl: string, onBlockedNavigation: (url: string) => void) {
    this.menubar = menubar;
    this.indexUrl = indexUrl;
    this.ready = new Promise((resolve) => menubar.on('ready', () => resolve()));
    // menubar may recreate the window after it is closed; lock every one before its page loads.
    menubar.on('before-load', () => {
      const window = menubar.window;
      if (!window) return;
      lockNavigation(window.webContents, onBlockedNavigation);
      lockSession(window.webContents.session);
    });
  }

  get tray(): TrayPort<M> {
    return this.menubar.tray;
  }

  /** The popover's live webContents, or null while it has no window. */
  webContents(): WebContentsPort | null {
    const window = this.menubar.window;
    if (!window || window.isDestroyed() || window.webContents.isDestroyed()) return null;
    return window.webContents;
  }

  async show(): Promise<void> {
    await this.ready;
    await this.menubar.showWindow();
    this.menubar.window?.focus();
  }

  hide(): void {
    this.menubar.hideWindow();
  }

  /** True only for our own page in our own window (not a frame inside it, not another window). */
  isTrustedSender(event: InvokeEventView): boolean {
    const contents = this.webContents();
    if (!contents || event.sender.id !== contents.id) return false;
    const frameUrl = event.senderFrame?.url;
    if (!frameUrl) return false;
    // Ignore a #fragment / ?query the UI router may add; the document itself must be ours.
    return stripSuffix(frameUrl) === stripSuffix(this.indexUrl);
  }
}

function stripSuffix(url: string): string {
  const cut = url.search(/[?#]/);
  return cut === -1 ? url : url.slice(0, cut);
}
