// The real WindowsToaster for main.ts. SnoreToast is an .exe inside node-notifier's vendor
// directory; a packaged app keeps it in app.asar.unpacked (forge.config.ts asar.unpack), because
// Windows cannot start a program from inside an asar archive.
import { dirname, join, sep } from 'node:path';
import type { ToasterPort } from './windows-toaster';

/** SnoreToast's path for this architecture, outside the asar archive. */
export function snoreToastPath(notifierDir: string, arch: NodeJS.Architecture): string {
  const exe = join(notifierDir, 'vendor', 'snoreToast', `snoretoast-${arch === 'ia32' ? 'x86' : 'x64'}.exe`);
  return exe.replace(`${sep}app.asar${sep}`, `${sep}app.asar.unpacked${sep}`);
}

export function createWindowsToaster(): ToasterPort {
  // Loaded on Windows only: nothing else needs node-notifier.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { WindowsToaster } = require('node-notifier') as typeof import('node-notifier');
  const notifierDir = dirname(require.resolve('node-notifier/package.json'));
  return new WindowsToaster({ withFallback: false, customPath: snoreToastPath(notifierDir, process.arch) });
}
