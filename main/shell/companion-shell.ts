// Wires core to the Electron pieces: popover + IPC, tray, notifications, hotkey, login item and
// an orderly quit. Every Electron object arrives as a parameter, so this whole composition runs
// in unit tests against typed fakes; main.ts passes the real ones.
import type { CoreLanguage } from '../contract/core-language';
import type { CompanionCore } from '../contract/dispatch';
import type { View } from '../contract/model';
import type { ShellPaths } from './app-paths';
import type {
  GlobalShortcutPort,
  IpcMainPort,
  MenuFactoryPort,
  NotificationFactoryPort,
  QuitPort,
  ShellPort,
} from './electron-ports';
import { ExternalOpener } from './external-url';
import { GlobalHotkey } from './global-hotkey';
import { forwardCoreEvents, registerCallBridge, sendEvent } from './ipc-bridge';
import { LoginItemSync, type LoginItemTarget } from './login-item';
import {
  NotificationPresenter,
  type NotificationPresenterOptions,
} from './notifications/notification-presenter';
import { Popover, type MenubarPort } from './popover';
import { QuitCoordinator } from './quit-coordinator';
import { SnapshotMirror } from './snapshot-mirror';
import { TrayController } from './tray-controller';

export interface CompanionShellDeps<M> {
  platform: NodeJS.Platform;
  paths: ShellPaths;
  core: CompanionCore;
  menubar: MenubarPort<M>;
  menus: MenuFactoryPort<M>;
  ipcMain: IpcMainPort;
  shell: ShellPort;
  globalShortcut: GlobalShortcutPort;
  app: QuitPort;
  /** The OS's start-at-login mechanism (loginItemFor in production). */
  loginItem: LoginItemTarget;
  notifications: NotificationFactoryPort;
  connectDbus: NotificationPresenterOptions['connectDbus'];
  windowsToaster?: NotificationPresenterOptions['windowsToaster'];
  shutdownTimeoutMs?: number;
  /** The OS language for the `system` preference (default: the process locale, as core's toasts). */
  systemLanguage?: () => CoreLanguage;
  log(message: string): void;
}

export class CompanionShell<M> {
  readonly popover: Popover<M>;
  readonly notifications: NotificationPresenter;
  readonly quitter: QuitCoordinator;
  private readonly deps: CompanionShellDeps<M>;
  private readonly opener: ExternalOpener;
  private readonly mirror: SnapshotMirror;
  private readonly hotkey: GlobalHotkey;
  private readonly loginItem: LoginItemSync;
  private readonly teardown: (() => void)[] = [];
  private tray: TrayController<M> | null = null;

  constructor(deps: CompanionShellDeps<M>) {
    this.deps = deps;
    const { core, log } = deps;
    this.popover = new Popover(deps.menubar, deps.paths.indexUrl, (url) =>
      log(`blocked the popover from navigating to ${url.slice(0, 200)}`),
    );
    this.opener = new ExternalOpener(deps.shell);
    this.teardown.push(
      registerCallBridge({
        ipcMain: deps.ipcMain,
        core,
        opener: this.opener,
        isTrustedSender: (event) => this.popover.isTrustedSender(event),
        onRejected: (reason) => log(`rejected IPC ${reason}`),
      }),
    );
    this.teardown.push(forwardCoreEvents(core, () => this.popover.webContents()));

    this.hotkey = new GlobalHotkey(
      deps.globalShortcut,
      () => void this.openView('chat'),
      (status) => {
        if (status.error) log(status.error);
        core.reportHotkeyStatus?.(status);
      },
    );
    this.loginItem = new LoginItemSync(deps.loginItem, log);
    this.notifications = new NotificationPresenter({
      platform: deps.platform,
      core,
      electron: deps.notifications,
      connectDbus: deps.connectDbus,
      windowsToaster: deps.windowsToaster ?? null,
      openView: (view, approvalId) => void this.openView(view, approvalId),
      log,
    });
    this.teardown.push(core.onNativeNotification((request) => void this.notifications.show(request)));

    this.quitter = new QuitCoordinator({
      app: deps.app,
      timeoutMs: deps.shutdownTimeoutMs,
      log,
      shutdown: () => this.shutdown(),
    });

    this.mirror = new SnapshotMirror(core);
    deps.menubar.on('ready', () => this.trayReady());
    this.mirror.onChange((snapshot) => {
      this.tray?.render(snapshot);
      this.hotkey.apply(snapshot.preferences);
      this.loginItem.apply(snapshot.preferences.startAtLogin);
    });
    // Core's subscribe() delivers changes only: the mirror starts from one snapshot.get.
    core.handlers['snapshot.get']({}).then(
      (snapshot) => this.mirror.offer(snapshot),
      (err: unknown) => log(`initial snapshot failed: ${err instanceof Error ? err.message : String(err)}`),
    );
  }

  /** Shows the popover and tells the UI which view to show. */
  async openView(view: View, approvalId?: string): Promise<void> {
    try {
      await this.popover.show();
    } catch (err) {
      this.deps.log(`could not show the popover: ${err instanceof Error ? err.message : String(err)}`);
      return;
    }
    sendEvent(() => this.popover.webContents(), 'navigate', approvalId ? { view, approvalId } : { view });
  }

  /** A second launch of the app: bring the running one forward. */
  focus(): void {
    this.popover.show().catch((err: unknown) => this.deps.log(`could not show the popover: ${String(err)}`));
  }

  private trayReady(): void {
    const { platform, paths, menus, core, log } = this.deps;
    this.tray = new TrayController({
      tray: this.popover.tray,
      menus,
      platform,
      assetsDir: paths.assetsDir,
      systemLanguage: this.deps.systemLanguage,
      actions: {
        open: () => this.focus(),
        openApprovals: () => void this.openView('approvals'),
        restartAll: () => {
          core.handlers['services.restartAll']({}).catch((err: unknown) => {
            log(`restart all failed: ${err instanceof Error ? err.message : String(err)}`);
            void this.openView('health');
          });
        },
        openDashboard: () => void this.openDashboard(),
        quit: () => this.quitter.quit(),
      },
    });
    const snapshot = this.mirror.snapshot;
    if (snapshot) this.tray.render(snapshot);
  }

  private async openDashboard(): Promise<void> {
    try {
      const { url } = await this.deps.core.handlers['dashboard.open']({});
      await this.opener.openCoreUrl(url);
    } catch (err) {
      // The health view shows why (e.g. the gateway is not running yet).
      this.deps.log(`open dashboard failed: ${err instanceof Error ? err.message : String(err)}`);
      await this.openView('health');
    }
  }

  private async shutdown(): Promise<void> {
    this.hotkey.release();
    this.notifications.dispose();
    this.mirror.dispose();
    for (const undo of this.teardown.splice(0)) undo();
    await this.deps.core.shutdown();
  }
}
