// Where the shell finds what the build produced. Everything is relative to the app root (the
// repository in development, the asar archive when packaged), never to the working directory.
import { join, resolve } from 'node:path';
import { UI_INDEX_URL } from './ui-protocol';

export interface ShellPaths {
  appRoot: string;
  /** build/tray-ui: the only directory the UI scheme serves. */
  uiDir: string;
  /** The exact URL the popover loads (palyra-companion://ui/index.html); the IPC handler trusts only frames there. */
  indexUrl: string;
  /** build/main/shell/preload.js */
  preload: string;
  assetsDir: string;
}

/** `compiledShellDir` is build/main/shell (main.js's __dirname). */
export function shellPathsFrom(compiledShellDir: string): ShellPaths {
  const appRoot = resolve(compiledShellDir, '..', '..', '..');
  return {
    appRoot,
    uiDir: join(appRoot, 'build', 'tray-ui'),
    indexUrl: UI_INDEX_URL,
    preload: join(appRoot, 'build', 'main', 'shell', 'preload.js'),
    assetsDir: join(appRoot, 'assets'),
  };
}
