// Tray icon files in assets/. macOS gets monochrome *Template.png images (the menu bar tints them);
// other platforms get the coloured ones. Electron picks the @2x variant itself on HiDPI screens.
import { join } from 'node:path';
import type { TrayIconState } from './tray-appearance';

export function trayIconPath(assetsDir: string, state: TrayIconState, platform: NodeJS.Platform): string {
  const name = platform === 'darwin' ? `tray-${state}Template.png` : `tray-${state}.png`;
  return join(assetsDir, 'tray', name);
}
