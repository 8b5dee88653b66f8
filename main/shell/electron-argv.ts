// The companion's own options from Electron's process.argv, parsed by the same parser as the
// headless host (main/host/launch-options.ts), so --state-root, --demo and the port options mean
// the same in both modes.
//
// Electron's argv differs from Node's: packaged it is [exe, ...args]; run by the default app
// (`electron build/main/launch.js …`, process.defaultApp) it is [electron, ...switches, app, ...args].
// Chromium and Electron switches (--no-sandbox, --enable-logging, --remote-debugging-port=…,
// chromedriver's start URL), Squirrel's --squirrel-firstrun and macOS's -psn_… share that list:
// they are left alone. Anything that looks like one of ours but is not is an error, so a typo in
// --state-root is not silently dropped.
import { resolve } from 'node:path';
import { launchFlagArity, parseLaunchArgs, type LaunchOptions } from '../host/launch-options';

/** Prefixes of our option names: an unknown switch starting with one of these is a typo of ours. */
const OUR_PREFIXES = ['--gateway', '--browserd', '--state', '--demo', '--port', '--help', '--headless'];

export interface ShellArgs {
  options: LaunchOptions;
  /** Arguments left to Electron and Chromium (logged, so a surprise is visible). */
  ignored: string[];
}

/** The arguments after the executable and, when run by the default app, after the app path. */
export function userArgsOf(argv: readonly string[], defaultApp: boolean): string[] {
  const rest = argv.slice(1);
  if (!defaultApp) return rest;
  const appAt = rest.findIndex((arg) => !arg.startsWith('-'));
  return appAt === -1 ? [] : rest.slice(appAt + 1);
}

/** The app path `electron <app>` was given (absolute), when run by the default app. */
export function appPathArgOf(argv: readonly string[]): string | null {
  const app = argv.slice(1).find((arg) => !arg.startsWith('-'));
  return app === undefined ? null : resolve(app);
}

/** Throws CompanionError('invalid_arguments') for a bad option of ours. */
export function parseShellArgs(argv: readonly string[], defaultApp: boolean): ShellArgs {
  const ours: string[] = [];
  const ignored: string[] = [];
  const args = userArgsOf(argv, defaultApp);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const eq = arg.indexOf('=');
    const flag = arg.startsWith('--') && eq > 0 ? arg.slice(0, eq) : arg;
    const arity = launchFlagArity(flag);
    if (arity !== null) {
      ours.push(arg);
      // A separate value belongs to the option, even when it looks like a switch (the parser
      // then says what is wrong with it).
      if (arity === 1 && eq === -1 && i + 1 < args.length) ours.push(args[++i]!);
    } else if (OUR_PREFIXES.some((prefix) => flag.startsWith(prefix))) {
      ours.push(arg);
    } else {
      ignored.push(arg);
    }
  }
  return { options: parseLaunchArgs(ours), ignored };
}
