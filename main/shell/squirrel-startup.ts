// Windows installs and updates: Squirrel runs the freshly installed exe with --squirrel-install
// (and --squirrel-updated, --squirrel-uninstall, --squirrel-obsolete) and expects it to do its
// housekeeping and exit within seconds. These runs must not start core or any sidecar. Windows
// only shows toasts for apps with a Start-menu shortcut, so install makes one.
import { spawn } from 'node:child_process';
// Squirrel is Windows-only: its paths are Windows paths, whatever platform runs the tests.
import { win32 } from 'node:path';

export type SquirrelEvent = 'install' | 'updated' | 'uninstall' | 'obsolete';

const EVENT_SWITCH = /^--squirrel-(install|updated|uninstall|obsolete)$/;

export interface SquirrelDeps {
  /** process.execPath: …\palyra_companion\app-1.2.3\palyra-companion.exe */
  execPath: string;
  /** Runs Update.exe detached and resolves when it has exited (or failed to start). */
  runUpdateExe(updateExe: string, args: string[]): Promise<void>;
  /** app.setLoginItemSettings: an uninstall must not leave a Run entry behind. */
  disableLoginItem(): void;
  /** app.quit */
  quit(): void;
}

/** The Squirrel event this run was started for, if any (Squirrel passes it as the first argument). */
export function squirrelEventOf(argv: readonly string[]): SquirrelEvent | null {
  const match = argv
    .slice(1, 3)
    .map((arg) => EVENT_SWITCH.exec(arg))
    .find((m) => m !== null);
  return match ? (match[1] as SquirrelEvent) : null;
}

/**
 * Squirrel's stable launcher, one level above the versioned app-x.y.z directory: the path that
 * survives updates (used for shortcuts and the login item).
 */
export function squirrelUpdateExe(execPath: string): string {
  return win32.resolve(win32.dirname(execPath), '..', 'Update.exe');
}

export async function handleSquirrelEvent(event: SquirrelEvent, deps: SquirrelDeps): Promise<void> {
  const updateExe = squirrelUpdateExe(deps.execPath);
  const exeName = win32.basename(deps.execPath);
  try {
    if (event === 'install' || event === 'updated') {
      await deps.runUpdateExe(updateExe, [`--createShortcut=${exeName}`]);
    } else if (event === 'uninstall') {
      deps.disableLoginItem();
      await deps.runUpdateExe(updateExe, [`--removeShortcut=${exeName}`]);
    }
  } finally {
    deps.quit();
  }
}

/** Update.exe, detached as Squirrel expects; resolves when it ends or could not start. */
export function runUpdateExe(updateExe: string, args: string[]): Promise<void> {
  return new Promise((done) => {
    try {
      const child = spawn(updateExe, args, { detached: true, stdio: 'ignore', windowsHide: true });
      child.on('error', () => done());
      child.on('close', () => done());
    } catch {
      done();
    }
  });
}
