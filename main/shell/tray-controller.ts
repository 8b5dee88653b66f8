// Keeps the tray in step with core: icon, tooltip, macOS title and the context menu. Left click
// is menubar's (it toggles the popover); right click shows the menu.
import type { MenuFactoryPort, TrayPort } from './electron-ports';
import { trayAppearance, type TrayAppearance, type TraySnapshotView } from './tray-appearance';
import { trayIconPath } from './tray-icons';
import { trayMenuTemplate, type TrayMenuActions } from './tray-menu';

export interface TrayControllerOptions<M> {
  tray: TrayPort<M>;
  menus: MenuFactoryPort<M>;
  platform: NodeJS.Platform;
  assetsDir: string;
  actions: TrayMenuActions;
}

export class TrayController<M> {
  private readonly options: TrayControllerOptions<M>;
  private menu: M;
  private menuApprovals = 0;
  private shown: TrayAppearance | null = null;

  constructor(options: TrayControllerOptions<M>) {
    this.options = options;
    this.menu = this.buildMenu(0);
    if (options.platform === 'darwin') {
      // On macOS a context menu set on the tray would also open on left click and steal it from
      // the popover, so it is popped up on right click only.
      options.tray.on('right-click', () => options.tray.popUpContextMenu(this.menu));
    } else {
      // Windows shows it on right click; Linux AppIndicator needs it set to show anything at all.
      options.tray.setContextMenu(this.menu);
    }
  }

  /** Applies a snapshot; touches the tray only for what changed. */
  render(snapshot: TraySnapshotView): TrayAppearance {
    const next = trayAppearance(snapshot);
    const prev = this.shown;
    const { tray, platform, assetsDir } = this.options;
    if (!prev || prev.icon !== next.icon) tray.setImage(trayIconPath(assetsDir, next.icon, platform));
    if (!prev || prev.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    if (platform === 'darwin' && (!prev || prev.title !== next.title)) tray.setTitle(next.title);
    if (this.menuApprovals !== next.pendingApprovals) {
      this.menuApprovals = next.pendingApprovals;
      this.menu = this.buildMenu(next.pendingApprovals);
      if (platform !== 'darwin') tray.setContextMenu(this.menu);
    }
    this.shown = next;
    return next;
  }

  private buildMenu(pendingApprovals: number): M {
    return this.options.menus.buildFromTemplate(trayMenuTemplate(this.options.actions, pendingApprovals));
  }
}
