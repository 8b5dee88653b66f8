// The tray's context menu. On Linux (AppIndicator) clicks on the icon are not delivered, so this
// menu is the only way in and must always offer "Open".
import type { MenuItemConstructorOptions } from 'electron';

export interface TrayMenuActions {
  open(): void;
  openApprovals(): void;
  restartAll(): void;
  openDashboard(): void;
  quit(): void;
}

export function trayMenuTemplate(
  actions: TrayMenuActions,
  pendingApprovals: number,
): MenuItemConstructorOptions[] {
  const items: MenuItemConstructorOptions[] = [{ id: 'open', label: 'Open', click: () => actions.open() }];
  if (pendingApprovals > 0) {
    items.push({
      id: 'approvals',
      label: `Review ${pendingApprovals} approval${pendingApprovals === 1 ? '' : 's'}`,
      click: () => actions.openApprovals(),
    });
  }
  items.push(
    { type: 'separator' },
    { id: 'restart-all', label: 'Restart all', click: () => actions.restartAll() },
    { id: 'dashboard', label: 'Open dashboard', click: () => actions.openDashboard() },
    { type: 'separator' },
    { id: 'quit', label: 'Quit', click: () => actions.quit() },
  );
  return items;
}
