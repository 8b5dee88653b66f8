// The global shortcut that opens the popover straight into quick chat. Registration can fail
// (another app owns the combination, or the accelerator is malformed); that is reported to core
// so Settings shows it, and retried whenever preferences change.
import type { HotkeyStatus, Preferences } from '../contract/model';
import type { GlobalShortcutPort } from './electron-ports';

export const DEFAULT_HOTKEY = 'CommandOrControl+Shift+Space';

export type HotkeyPreferences = Pick<Preferences, 'globalHotkey' | 'globalHotkeyEnabled'>;

export class GlobalHotkey {
  private readonly shortcuts: GlobalShortcutPort;
  private readonly onPressed: () => void;
  private readonly report: (status: HotkeyStatus) => void;
  private registered: string | null = null;
  private status: HotkeyStatus | null = null;

  constructor(shortcuts: GlobalShortcutPort, onPressed: () => void, report: (status: HotkeyStatus) => void) {
    this.shortcuts = shortcuts;
    this.onPressed = onPressed;
    this.report = report;
  }

  /** Brings the registration in line with preferences; a no-op when nothing relevant changed. */
  apply(preferences: HotkeyPreferences): HotkeyStatus {
    const accelerator = preferences.globalHotkey.trim() || DEFAULT_HOTKEY;
    const enabled = preferences.globalHotkeyEnabled;
    if (this.status && this.status.accelerator === accelerator && this.status.enabled === enabled) {
      return this.status;
    }
    this.release();
    let status: HotkeyStatus = { accelerator, enabled, registered: false, error: null };
    if (enabled) {
      try {
        if (this.shortcuts.register(accelerator, this.onPressed)) {
          this.registered = accelerator;
          status = { ...status, registered: true };
        } else {
          status = {
            ...status,
            error: `The shortcut ${accelerator} is already used by another application.`,
          };
        }
      } catch (err) {
        status = {
          ...status,
          error: `The shortcut ${accelerator} could not be registered: ${err instanceof Error ? err.message : String(err)}.`,
        };
      }
    }
    this.status = status;
    this.report(status);
    return status;
  }

  release(): void {
    if (this.registered === null) return;
    this.shortcuts.unregister(this.registered);
    this.registered = null;
  }
}
