// Electron entry point: the only file that imports 'electron' and 'menubar' for real. Before
// anything else it answers Squirrel's install-time runs and demo simulator runs (neither may
// start core); then it parses the command line with the headless host's parser, claims the
// single-instance lock, serves the UI scheme, starts core and hands the real Electron objects to
// CompanionShell. build/main/launch.js (package.json's main) calls startShell().
import { app, dialog, globalShortcut, ipcMain, Menu, Notification, protocol, session, shell } from 'electron';
import { dirname, resolve } from 'node:path';
import { menubar } from 'menubar';
import { CompanionError } from '../core/errors';
import { coreOptionsFrom, LAUNCH_USAGE } from '../host/launch-options';
import { shellPathsFrom } from './app-paths';
import { PRODUCT_NAME, WINDOWS_APP_USER_MODEL_ID } from './app-identity';
import { CompanionShell } from './companion-shell';
import { lockSession } from './content-security';
import { loadCompanionCore } from './core-loader';
import { appPathArgOf, parseShellArgs, type ShellArgs } from './electron-argv';
import { loginItemFor, squirrelLauncher } from './login-item';
import { DbusNotifier } from './notifications/dbus-notifier';
import { popoverMenubarOptions } from './popover';
import { electronSimulatorRunner, runSimulator, simulatorDirFrom, simulatorRunOf } from './simulator-host';
import { claimSingleInstance } from './single-instance';
import { handleSquirrelEvent, runUpdateExe, squirrelEventOf } from './squirrel-startup';
import { trayIconPath } from './tray-icons';
import { createWindowsToaster } from './notifications/windows-toaster-factory';
import { createUiHandler, UI_SCHEME, UI_SCHEME_PRIVILEGES } from './ui-protocol';

function log(message: string): void {
  console.log(`[companion] ${message}`);
}

export interface ShellStart {
  argv?: readonly string[];
  /** process.defaultApp: run as `electron <app> …`, so argv holds the app path too. */
  defaultApp?: boolean;
  /** process.execPath: the app's exe (or the Electron binary in development). */
  execPath?: string;
  loadCore?: typeof loadCompanionCore;
  signals?: Parameters<CompanionShell<Menu>['quitter']['quitOnSignals']>[0];
  runUpdateExe?: typeof runUpdateExe;
  /** Loads a simulator script (require in production). */
  loadScript?: (script: string) => void;
}

/** One message, on stderr and (where there is no terminal to read it) in a dialog, then exit. */
function failStartup(title: string, err: unknown, exitCode: number): null {
  const e = err as { message?: string; hint?: string };
  const message = `${e.message ?? String(err)}\n\n${e.hint ?? ''}`.trim();
  process.stderr.write(`error: ${message.replace(/\n\n/, '\nhint: ')}\n`);
  // Before `ready` on Linux showErrorBox writes to stderr itself (Electron's dialog docs).
  if (process.platform !== 'linux' || app.isReady()) dialog.showErrorBox(title, message);
  app.exit(exitCode);
  return null;
}

export async function main(start: ShellStart = {}): Promise<CompanionShell<Menu> | null> {
  const argv = start.argv ?? process.argv;
  const defaultApp = start.defaultApp ?? process.defaultApp === true;
  const execPath = start.execPath ?? process.execPath;

  const squirrel = squirrelEventOf(argv);
  if (squirrel) {
    await handleSquirrelEvent(squirrel, {
      execPath,
      runUpdateExe: start.runUpdateExe ?? runUpdateExe,
      disableLoginItem: () => app.setLoginItemSettings({ openAtLogin: false, ...squirrelLauncher(execPath) }),
      quit: () => app.quit(),
    });
    return null;
  }

  const simulator = simulatorRunOf(argv);
  if (simulator) {
    // Its own Chromium profile, so it never contends with the companion for the user's one.
    app.setPath('sessionData', resolve(app.getPath('temp'), `palyra-companion-simulator-${process.pid}`));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    runSimulator(simulator, simulatorDirFrom(__dirname), process, start.loadScript ?? ((s) => require(s)));
    return null;
  }

  let args: ShellArgs;
  try {
    args = parseShellArgs(argv, defaultApp);
  } catch (err) {
    return failStartup(`${PRODUCT_NAME}: invalid option`, err, err instanceof CompanionError ? 2 : 1);
  }
  if (args.options.help) {
    process.stdout.write(`${LAUNCH_USAGE}\n`);
    app.exit(0);
    return null;
  }
  if (args.ignored.length > 0) log(`left to Electron/Chromium: ${args.ignored.join(' ')}`);
  if (args.options.headless || !args.options.open || args.options.port !== 0) {
    log('--headless, --no-open and --port apply to the browser mode only; ignored in the tray app');
  }

  // Toasts and the taskbar group by this id; it must match the Start-menu shortcut's.
  if (process.platform === 'win32') app.setAppUserModelId(WINDOWS_APP_USER_MODEL_ID);
  // Privileged schemes can only be registered before `ready`.
  protocol.registerSchemesAsPrivileged([UI_SCHEME_PRIVILEGES]);

  let companion: CompanionShell<Menu> | null = null;
  if (!claimSingleInstance(app, () => companion?.focus())) return null;

  await app.whenReady();
  const paths = shellPathsFrom(__dirname);
  // Before any window exists, so even the first page comes from the UI scheme with its CSP.
  protocol.handle(UI_SCHEME, createUiHandler(paths.uiDir));
  lockSession(session.defaultSession);

  const appPathArg = defaultApp ? appPathArgOf(argv) : null;
  let core;
  try {
    core = await (start.loadCore ?? loadCompanionCore)({
      ...coreOptionsFrom(args.options),
      demoRunner: electronSimulatorRunner(execPath, appPathArg),
      appDir: app.isPackaged ? dirname(app.getPath('exe')) : null,
      log,
    });
  } catch (err) {
    return failStartup(`${PRODUCT_NAME} could not start`, err, 1);
  }

  const mb = menubar(
    popoverMenubarOptions(paths, trayIconPath(paths.assetsDir, 'stopped', process.platform), PRODUCT_NAME),
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
    loginItem: loginItemFor({
      platform: process.platform,
      app,
      env: process.env,
      execPath,
      appPathArg,
    }),
    notifications: {
      isSupported: () => Notification.isSupported(),
      create: (options) => new Notification(options),
    },
    connectDbus: (onAction, onLost) => DbusNotifier.connect({ appName: PRODUCT_NAME, onAction, onLost }),
    windowsToaster: process.platform === 'win32' ? createWindowsToaster() : null,
    log,
  });
  companion.quitter.quitOnSignals(start.signals ?? process);
  return companion;
}

/** Starts the tray app; called by build/main/launch.js whenever it runs inside Electron. */
export function startShell(): void {
  main().catch((err: unknown) => {
    console.error('[companion] fatal:', err);
    app.exit(1);
  });
}
