// Opens the UI in the operator's browser when there is a desktop to open it on. Failure is only
// logged: the URL has already been printed.
import { spawn } from 'node:child_process';
import type { HostLog } from './host-log';

export function hasDesktop(env: NodeJS.ProcessEnv, platform: NodeJS.Platform): boolean {
  if (platform === 'darwin' || platform === 'win32') return true;
  return Boolean(env.DISPLAY || env.WAYLAND_DISPLAY);
}

export function openerCommand(url: string, platform: NodeJS.Platform): { command: string; args: string[] } {
  if (platform === 'darwin') return { command: 'open', args: [url] };
  // The empty string is start's window title; without it a quoted URL would be taken as the title.
  if (platform === 'win32') return { command: 'cmd', args: ['/c', 'start', '""', url.replace(/&/g, '^&')] };
  return { command: 'xdg-open', args: [url] };
}

export function openInBrowser(url: string, log: HostLog, platform: NodeJS.Platform = process.platform): void {
  if (!hasDesktop(process.env, platform)) {
    log('info', 'no desktop session (DISPLAY/WAYLAND_DISPLAY unset); open the printed address yourself');
    return;
  }
  const { command, args } = openerCommand(url, platform);
  try {
    const child = spawn(command, args, { stdio: 'ignore', detached: true, windowsVerbatimArguments: true });
    child.on('error', (err) => log('warn', `could not open a browser with ${command}: ${err.message}`));
    child.unref();
  } catch (err) {
    log('warn', `could not open a browser with ${command}: ${String(err)}`);
  }
}
