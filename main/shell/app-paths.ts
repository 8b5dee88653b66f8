// Where the shell finds what the build produced. Everything is relative to the app root (the
// repository in development, the asar archive when packaged), never to the working directory.
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface ShellPaths {
  appRoot: string;
  /** build/tray-ui/index.html: the popover's only page. */
  indexHtml: string;
  /** The exact file:// URL the popover loads; the IPC handler trusts only frames at this URL. */
  indexUrl: string;
  /** build/main/shell/preload.js */
  preload: string;
  assetsDir: string;
}

/** `compiledShellDir` is build/main/shell (main.js's __dirname). */
export function shellPathsFrom(compiledShellDir: string): ShellPaths {
  const appRoot = resolve(compiledShellDir, '..', '..', '..');
  const indexHtml = join(appRoot, 'build', 'tray-ui', 'index.html');
  return {
    appRoot,
    indexHtml,
    indexUrl: pathToFileURL(indexHtml).href,
    preload: join(appRoot, 'build', 'main', 'shell', 'preload.js'),
    assetsDir: join(appRoot, 'assets'),
  };
}
