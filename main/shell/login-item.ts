// Start at login, following preferences.startAtLogin. Only calls the OS when the wish changes,
// because on some platforms every call rewrites a registry key or a .desktop file.
import type { LoginItemPort } from './electron-ports';

export class LoginItemSync {
  private readonly app: LoginItemPort;
  private applied: boolean | null = null;

  constructor(app: LoginItemPort) {
    this.app = app;
  }

  apply(startAtLogin: boolean): void {
    if (this.applied === startAtLogin) return;
    this.app.setLoginItemSettings({ openAtLogin: startAtLogin });
    this.applied = startAtLogin;
  }
}
