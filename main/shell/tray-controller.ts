// Keeps the tray in step with core: icon, tooltip, macOS title and the context menu, in the
// operator's language. Left click is menubar's (it toggles the popover); right click shows the menu.
import { resolveCoreLanguage, systemLanguage, type CoreLanguage } from '../contract/core-language';
import type { Preferences } from '../contract/model';
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
  /**
   * The OS language, for the `system` preference. Default: what core's toasts use (the process
   * environment's locale), so the tray and the toasts speak the same language.
   */
  systemLanguage?: () => CoreLanguage;
}

/** What the tray renders: the appearance's inputs plus the language preference. */
export type TrayControllerView = TraySnapshotView & { preferences: Pick<Preferences, 'language'> };

export class TrayController<M> {
  private readonly options: TrayControllerOptions<M>;
  private readonly system: () => CoreLanguage;
  private menu: M;
  private menuKey: string;
  private shown: TrayAppearance | null = null;

  constructor(options: TrayControllerOptions<M>) {
    this.options = options;
    this.system = options.systemLanguage ?? (() => systemLanguage(process.env));
    // Until the first snapshot: core's default preference, `system`.
    const language = resolveCoreLanguage('system', this.system());
    this.menuKey = menuKey(language, 0);
    this.menu = this.buildMenu(language, 0);
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
  render(snapshot: TrayControllerView): TrayAppearance {
    const language = resolveCoreLanguage(snapshot.preferences.language, this.system());
    const next = trayAppearance(snapshot, language);
    const prev = this.shown;
    const { tray, platform, assetsDir } = this.options;
    if (!prev || prev.icon !== next.icon) tray.setImage(trayIconPath(assetsDir, next.icon, platform));
    if (!prev || prev.tooltip !== next.tooltip) tray.setToolTip(next.tooltip);
    if (platform === 'darwin' && (!prev || prev.title !== next.title)) tray.setTitle(next.title);
    const key = menuKey(language, next.pendingApprovals);
    if (key !== this.menuKey) {
      this.menuKey = key;
      // The Review item comes and goes, which takes a new menu (a built menu's labels can change,
      // its item list cannot); Linux's AppIndicator shows changes only once the menu is set again.
      this.menu = this.buildMenu(language, next.pendingApprovals);
      if (platform !== 'darwin') tray.setContextMenu(this.menu);
    }
    this.shown = next;
    return next;
  }

  private buildMenu(language: CoreLanguage, pendingApprovals: number): M {
    return this.options.menus.buildFromTemplate(
      trayMenuTemplate(language, { pendingApprovals }, this.options.actions),
    );
  }
}

function menuKey(language: CoreLanguage, pendingApprovals: number): string {
  return `${language}:${pendingApprovals}`;
}
