// The tray's context menu. On Linux (AppIndicator) clicks on the icon are not delivered, so this
// menu is the only way in and must always offer "Open". Built by a pure function of the language
// and the state, so every language and state is checked without Electron.
import type { MenuItemConstructorOptions } from 'electron';
import type { CoreLanguage } from '../contract/core-language';
import { trayText } from './tray-texts';

export interface TrayMenuActions {
  open(): void;
  openApprovals(): void;
  restartAll(): void;
  openDashboard(): void;
  quit(): void;
}

/** What the menu depends on besides the language. */
export interface TrayMenuState {
  pendingApprovals: number;
}

export function trayMenuTemplate(
  language: CoreLanguage,
  state: TrayMenuState,
  actions: TrayMenuActions,
): MenuItemConstructorOptions[] {
  const say = (key: Parameters<typeof trayText>[1], count?: number): string =>
    trayText(language, key, count === undefined ? undefined : { count });
  const items: MenuItemConstructorOptions[] = [
    { id: 'open', label: say('tray.menu.open'), click: () => actions.open() },
  ];
  if (state.pendingApprovals > 0) {
    items.push({
      id: 'approvals',
      label: say('tray.menu.review', state.pendingApprovals),
      click: () => actions.openApprovals(),
    });
  }
  items.push(
    { type: 'separator' },
    { id: 'restart-all', label: say('tray.menu.restartAll'), click: () => actions.restartAll() },
    { id: 'dashboard', label: say('tray.menu.dashboard'), click: () => actions.openDashboard() },
    { type: 'separator' },
    { id: 'quit', label: say('tray.menu.quit'), click: () => actions.quit() },
  );
  return items;
}
