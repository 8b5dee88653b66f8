// Start at login, following preferences.startAtLogin. Only calls the OS when the wish changes,
// because every call rewrites a registry key, a login item or a .desktop file.
//
// Electron's app.setLoginItemSettings works on macOS and Windows only (its docs: "macOS Windows").
// On Linux the desktop's autostart is an XDG autostart entry, $XDG_CONFIG_HOME/autostart/*.desktop.
// Under Squirrel the exe lives in a versioned app-x.y.z directory that the next update deletes,
// so the login item must start the stable launcher: ..\Update.exe --processStart <exe>.
import { existsSync, mkdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, isAbsolute, join, win32 } from 'node:path';
import { EXECUTABLE_NAME, PRODUCT_NAME } from './app-identity';
import type { LoginItemPort } from './electron-ports';
import { squirrelUpdateExe } from './squirrel-startup';

/** The OS side of "start at login". */
export interface LoginItemTarget {
  apply(startAtLogin: boolean): void;
}

export interface LoginItemContext {
  platform: NodeJS.Platform;
  app: LoginItemPort;
  env: NodeJS.ProcessEnv;
  /** process.execPath */
  execPath: string;
  /** The app path when run as `electron <app>` (development), else null. */
  appPathArg: string | null;
  /** Defaults to fs.existsSync; tells a Squirrel install by its Update.exe. */
  exists?: (path: string) => boolean;
}

export function loginItemFor(context: LoginItemContext): LoginItemTarget {
  const { platform, app, env, execPath, appPathArg } = context;
  if (platform === 'linux') {
    // Inside an AppImage, execPath is a mount point that changes every run; APPIMAGE is the file.
    const command = env.APPIMAGE ? [env.APPIMAGE] : [execPath, ...(appPathArg ? [appPathArg] : [])];
    return new XdgAutostart(xdgAutostartFile(env), command);
  }
  const launcher = squirrelLauncher(execPath);
  if (platform === 'win32' && (context.exists ?? existsSync)(launcher.path)) {
    return { apply: (openAtLogin) => app.setLoginItemSettings({ openAtLogin, ...launcher }) };
  }
  const args = appPathArg ? [appPathArg] : [];
  return {
    apply: (openAtLogin) =>
      app.setLoginItemSettings(args.length > 0 ? { openAtLogin, path: execPath, args } : { openAtLogin }),
  };
}

/** Squirrel's stable launcher for this exe: ..\Update.exe --processStart "<exe>" (Electron's app docs). */
export function squirrelLauncher(execPath: string): { path: string; args: string[] } {
  return { path: squirrelUpdateExe(execPath), args: ['--processStart', `"${win32.basename(execPath)}"`] };
}

/** $XDG_CONFIG_HOME/autostart/palyra-companion.desktop; the spec ignores a relative XDG_CONFIG_HOME. */
export function xdgAutostartFile(env: NodeJS.ProcessEnv): string {
  const configHome = env.XDG_CONFIG_HOME && isAbsolute(env.XDG_CONFIG_HOME) ? env.XDG_CONFIG_HOME : null;
  return join(
    configHome ?? join(env.HOME || homedir(), '.config'),
    'autostart',
    `${EXECUTABLE_NAME}.desktop`,
  );
}

/**
 * One Exec argument, per the Desktop Entry spec: quoted, with " ` $ \ escaped, % doubled; then
 * the value's own string escaping doubles every backslash again.
 */
export function desktopExecArg(arg: string): string {
  const quoted = `"${arg.replace(/["`$\\]/g, '\\$&')}"`.replace(/%/g, '%%');
  return quoted.replace(/\\/g, '\\\\');
}

export class XdgAutostart implements LoginItemTarget {
  constructor(
    readonly file: string,
    private readonly command: readonly string[],
  ) {}

  apply(startAtLogin: boolean): void {
    if (!startAtLogin) {
      rmSync(this.file, { force: true });
      return;
    }
    mkdirSync(dirname(this.file), { recursive: true });
    const entry = [
      '[Desktop Entry]',
      'Type=Application',
      `Name=${PRODUCT_NAME}`,
      'Comment=Keeps the local Palyra daemons running',
      `Exec=${this.command.map(desktopExecArg).join(' ')}`,
      'Terminal=false',
      'X-GNOME-Autostart-enabled=true',
      '',
    ].join('\n');
    const temp = `${this.file}.${process.pid}.tmp`;
    writeFileSync(temp, entry, { mode: 0o644 });
    renameSync(temp, this.file);
  }
}

export class LoginItemSync {
  private readonly target: LoginItemTarget;
  private readonly log: (message: string) => void;
  private applied: boolean | null = null;

  constructor(target: LoginItemTarget, log: (message: string) => void) {
    this.target = target;
    this.log = log;
  }

  apply(startAtLogin: boolean): void {
    if (this.applied === startAtLogin) return;
    try {
      this.target.apply(startAtLogin);
      this.applied = startAtLogin;
    } catch (err) {
      // Not remembered as applied: the next preference change tries again.
      this.log(`start at login could not be ${startAtLogin ? 'enabled' : 'disabled'}: ${String(err)}`);
    }
  }
}
