// `npm start`: picks how to run the companion.
//   inside Electron            → the tray shell (main/shell/main's startShell)
//   Electron installed + a desktop (and no --headless) → spawn Electron on the shell
//   otherwise                  → the headless host: the same UI in a browser, behind a token
// First import: caps V8's young generation before module loading can grow it (see the file).
import './young-generation';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createCompanionCore } from './core/companion';
import { announceHostAddress } from './core/process/instance-lock';
import { CompanionError } from './core/errors';
import { hasDesktop } from './host/browser-opener';
import { runHeadless, SHUTDOWN_SIGNALS } from './host/headless-run';
import type { HostLog } from './host/host-log';
import { coreOptionsFrom, LAUNCH_USAGE, parseLaunchArgs, type LaunchOptions } from './host/launch-options';

const log: HostLog = (level, message) => process.stderr.write(`[companion ${level}] ${message}\n`);

/** The Electron binary path when Electron is really installed (not just its npm stub). */
function findElectronBinary(): string | null {
  try {
    // In plain Node, the electron package exports the path of its binary.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const binary: unknown = require('electron');
    return typeof binary === 'string' && existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

function runElectronShell(binary: string, args: readonly string[]): void {
  // This same file is the app's entry inside Electron too (package.json "main").
  const child = spawn(binary, [__filename, ...args], { stdio: 'inherit' });
  const forward = (signal: NodeJS.Signals): void => {
    child.kill(signal);
  };
  for (const signal of SHUTDOWN_SIGNALS) process.on(signal, forward);
  child.on('error', (err) => {
    log('error', `could not start Electron (${binary}): ${err.message}`);
    process.exit(1);
  });
  child.on('exit', (code, signal) => process.exit(code ?? (signal ? 0 : 1)));
}

async function runHeadlessCompanion(options: LaunchOptions): Promise<void> {
  const core = await createCompanionCore({
    ...coreOptionsFrom(options),
    log: (line) => log('info', line),
  });
  try {
    const host = await runHeadless({
      core,
      uiDir: join(__dirname, '..', 'tray-ui'),
      port: options.port,
      open: options.open,
      log,
    });
    // A second launch on this state root names this address (the origin only, never the token).
    announceHostAddress(`${host.origin}/`);
  } catch (err) {
    // The host never came up: still stop whatever core started.
    await core.shutdown().catch(() => undefined);
    throw err;
  }
}

async function main(): Promise<void> {
  if (process.versions.electron) {
    // `electron build/main/launch.js`, `electron .` and the packaged app all come here; the shell
    // parses Electron's own argv layout itself.
    const shell = await import('./shell/main');
    shell.startShell();
    return;
  }
  const options = parseLaunchArgs(process.argv.slice(2));
  if (options.help) {
    process.stdout.write(`${LAUNCH_USAGE}\n`);
    return;
  }
  const electron =
    options.headless || !hasDesktop(process.env, process.platform) ? null : findElectronBinary();
  if (electron) {
    runElectronShell(electron, process.argv.slice(2));
    return;
  }
  await runHeadlessCompanion(options);
}

/** Operator input that cannot work (arguments, state root): exit 2, like a usage error. */
const BAD_INPUT_CODES = new Set([
  'invalid_arguments',
  'state_root_unusable',
  'state_root_not_absolute',
  'state_root_not_writable',
]);

main().catch((err: unknown) => {
  if (err instanceof CompanionError) {
    // One line: what is wrong, then what to do.
    process.stderr.write(`error: ${err.message} hint: ${err.hint}\n`);
    process.exit(BAD_INPUT_CODES.has(err.code) ? 2 : 1);
  }
  process.stderr.write(`error: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
