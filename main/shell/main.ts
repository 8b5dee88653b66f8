// Electron entry point: the only file that imports 'electron' and 'menubar' for real. It claims
// the single-instance lock, starts core, and hands the real Electron objects to CompanionShell.
import { app, dialog, globalShortcut, ipcMain, Menu, Notification, session, shell } from 'electron';
import { dirname } from 'node:path';
import { menubar } from 'menubar';
import { shellPathsFrom } from './app-paths';
import { CompanionShell } from './companion-shell';
import { lockSession } from './content-security';
import { loadCompanionCore } from './core-loader';
import { DbusNotifier } from './notifications/dbus-notifier';
import { popoverMenubarOptions } from './popover';
import { claimSingleInstance } from './single-instance';
import { trayIconPath } from './tray-icons';

function log(message: string): void {
  console.log(`[companion] ${message}`);
}

export async function main(
  argv: readonly string[] = process.argv,
  loadCore: typeof loadCompanionCore = loadCompanionCore,
  signals: Parameters<CompanionShell<Menu>['quitter']['quitOnSignals']>[0] = process,
): Promise<CompanionShell<Menu> | null> {
  let companion: CompanionShell<Menu> | null = null;
  if (!claimSingleInstance(app, () => companion?.focus())) return null;

  await app.whenReady();
  // Before any window exists, so even the first response of the first page gets the CSP.
  lockSession(session.defaultSession);

  const paths = shellPathsFrom(__dirname);
  let core;
  try {
    core = await loadCore({
      demo: argv.includes('--demo'),
      appDir: app.isPackaged ? dirname(app.getPath('exe')) : null,
      log,
    });
  } catch (err) {
    const e = err as { message?: string; hint?: string };
    dialog.showErrorBox(
      'Palyra Companion could not start',
      `${e.message ?? String(err)}\n\n${e.hint ?? ''}`.trim(),
    );
    app.exit(1);
    return null;
  }

  const mb = menubar(
    popoverMenubarOptions(
      paths,
      trayIconPath(paths.assetsDir, 'stopped', process.platform),
      'Palyra Companion',
    ),
  );
  companion = new CompanionShell<Menu>({
    platform: process.platform,
    paths,
    core,
    menubar: mb,
    menus: Menu,
    ipcMain,
    shell,
    globalShortcut,
    app,
    notifications: {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    connectDbus: (onAction) => DbusNotifier.connect({ appName: 'Palyra Companion', onAction }),
    log,
  });
  companion.quitter.quitOnSignals(signals);
  return companion;
}

if (require.main === module) {
  main().catch((err: unknown) => {
    console.error('[companion] fatal:', err);
    app.exit(1);
  });
}
