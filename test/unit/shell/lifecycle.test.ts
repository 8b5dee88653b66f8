import { EventEmitter } from 'node:events';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { HotkeyStatus } from '../../../main/contract/model';
import { DEFAULT_HOTKEY, GlobalHotkey } from '../../../main/shell/global-hotkey';
import {
  desktopExecArg,
  LoginItemSync,
  loginItemFor,
  type XdgAutostart,
} from '../../../main/shell/login-item';
import { squirrelUpdateExe } from '../../../main/shell/squirrel-startup';
import { QuitCoordinator } from '../../../main/shell/quit-coordinator';
import { claimSingleInstance } from '../../../main/shell/single-instance';
import { FakeApp, FakeGlobalShortcut } from './electron-fakes';
import {} from '../../fixtures/fake-core';
import { waitForAssertion } from '../../support/wait-for';

describe('global hotkey', () => {
  const setup = () => {
    const shortcuts = new FakeGlobalShortcut();
    const reports: HotkeyStatus[] = [];
    let presses = 0;
    const hotkey = new GlobalHotkey(
      shortcuts,
      () => presses++,
      (s) => reports.push(s),
    );
    return { shortcuts, reports, hotkey, presses: () => presses };
  };

  it('registers the preferred accelerator and calls back when pressed', () => {
    const t = setup();
    const status = t.hotkey.apply({
      globalHotkey: 'CommandOrControl+Shift+Space',
      globalHotkeyEnabled: true,
    });
    expect(status).toEqual({ accelerator: DEFAULT_HOTKEY, enabled: true, registered: true, error: null });
    t.shortcuts.press(DEFAULT_HOTKEY);
    expect(t.presses()).toBe(1);
    expect(t.reports).toEqual([status]);
  });

  it('reports a conflict (register returns false) and a malformed accelerator (register throws)', () => {
    const t = setup();
    t.shortcuts.taken.add('Alt+Space');
    const conflict = t.hotkey.apply({ globalHotkey: 'Alt+Space', globalHotkeyEnabled: true });
    expect(conflict.registered).toBe(false);
    expect(conflict.error).toMatch(/Alt\+Space is already used by another application/);
    t.shortcuts.invalid.add('Hyper+Nope');
    const invalid = t.hotkey.apply({ globalHotkey: 'Hyper+Nope', globalHotkeyEnabled: true });
    expect(invalid.registered).toBe(false);
    expect(invalid.error).toMatch(/could not be registered: Error processing argument/);
    expect(t.reports.map((r) => r.error !== null)).toEqual([true, true]);
  });

  it('re-registers when preferences change, not when they stay the same, and unregisters when disabled', () => {
    const t = setup();
    t.hotkey.apply({ globalHotkey: 'Alt+K', globalHotkeyEnabled: true });
    t.hotkey.apply({ globalHotkey: 'Alt+K', globalHotkeyEnabled: true });
    expect(t.reports).toHaveLength(1);
    t.hotkey.apply({ globalHotkey: 'Alt+J', globalHotkeyEnabled: true });
    expect([...t.shortcuts.registered.keys()]).toEqual(['Alt+J']);
    const off = t.hotkey.apply({ globalHotkey: 'Alt+J', globalHotkeyEnabled: false });
    expect(off).toEqual({ accelerator: 'Alt+J', enabled: false, registered: false, error: null });
    expect(t.shortcuts.registered.size).toBe(0);
    t.hotkey.apply({ globalHotkey: '   ', globalHotkeyEnabled: true });
    expect([...t.shortcuts.registered.keys()]).toEqual([DEFAULT_HOTKEY]);
    t.hotkey.release();
    expect(t.shortcuts.registered.size).toBe(0);
  });
});

describe('login item', () => {
  const context = (platform: NodeJS.Platform, env: NodeJS.ProcessEnv = {}) => {
    const app = new FakeApp();
    return {
      app,
      target: loginItemFor({ platform, app, env, execPath: '/opt/pc/palyra-companion', appPathArg: null }),
    };
  };

  it('follows startAtLogin and only calls the OS on a change (macOS: Electron login item)', () => {
    const { app, target } = context('darwin');
    const sync = new LoginItemSync(target, () => undefined);
    sync.apply(false);
    sync.apply(true);
    sync.apply(true);
    sync.apply(false);
    expect(app.loginItemSettings).toEqual([
      { openAtLogin: false },
      { openAtLogin: true },
      { openAtLogin: false },
    ]);
  });

  it('on Linux writes and removes an XDG autostart entry that starts the real launcher', () => {
    const configHome = mkdtempSync(join(tmpdir(), 'xdg-config-'));
    const { app, target } = context('linux', { XDG_CONFIG_HOME: configHome, HOME: '/nonexistent' });
    const sync = new LoginItemSync(target, () => undefined);
    const file = join(configHome, 'autostart', 'palyra-companion.desktop');
    sync.apply(true);
    const entry = readFileSync(file, 'utf8');
    expect(entry).toMatch(/^\[Desktop Entry\]\nType=Application\n/);
    expect(entry).toContain('Exec="/opt/pc/palyra-companion"\n');
    expect(entry).toContain('Name=Palyra Companion\n');
    sync.apply(false);
    expect(existsSync(file)).toBe(false);
    // setLoginItemSettings does nothing on Linux (Electron's docs: macOS and Windows only).
    expect(app.loginItemSettings).toEqual([]);
  });

  it('on Linux prefers $APPIMAGE, defaults to ~/.config, and quotes the Exec line per the spec', () => {
    const home = mkdtempSync(join(tmpdir(), 'home-'));
    const app = new FakeApp();
    const image = loginItemFor({
      platform: 'linux',
      app,
      env: {
        HOME: home,
        XDG_CONFIG_HOME: 'relative/ignored',
        APPIMAGE: '/home/op/Apps/Palyra 100%.AppImage',
      },
      execPath: '/tmp/.mount_abc/palyra-companion',
      appPathArg: null,
    }) as XdgAutostart;
    expect(image.file).toBe(join(home, '.config', 'autostart', 'palyra-companion.desktop'));
    image.apply(true);
    expect(readFileSync(image.file, 'utf8')).toContain('Exec="/home/op/Apps/Palyra 100%%.AppImage"\n');
    expect(desktopExecArg('a"b$c\\d`e')).toBe('"a\\\\"b\\\\$c\\\\\\\\d\\\\`e"');
    const dev = loginItemFor({
      platform: 'linux',
      app,
      env: { HOME: home },
      execPath: '/repo/node_modules/electron/dist/electron',
      appPathArg: '/repo/build/main/launch.js',
    });
    dev.apply(true);
    expect(readFileSync(image.file, 'utf8')).toContain(
      'Exec="/repo/node_modules/electron/dist/electron" "/repo/build/main/launch.js"\n',
    );
  });

  it('under Squirrel registers the stable Update.exe --processStart launcher, not the versioned exe', () => {
    const app = new FakeApp();
    const execPath = 'C:\\Users\\op\\AppData\\Local\\palyra_companion\\app-0.1.0\\palyra-companion.exe';
    const exists = (path: string) => path === squirrelUpdateExe(execPath);
    loginItemFor({ platform: 'win32', app, env: {}, execPath, appPathArg: null, exists }).apply(true);
    expect(app.loginItemSettings).toEqual([
      {
        openAtLogin: true,
        path: squirrelUpdateExe(execPath),
        args: ['--processStart', '"palyra-companion.exe"'],
      },
    ]);
    expect(squirrelUpdateExe(execPath)).not.toContain('app-0.1.0');
    // A zip install (no Update.exe) registers the exe itself.
    loginItemFor({ platform: 'win32', app, env: {}, execPath, appPathArg: null, exists: () => false }).apply(
      true,
    );
    expect(app.loginItemSettings.at(-1)).toEqual({ openAtLogin: true });
  });

  it('a failing OS call is logged and retried on the next change, never thrown', () => {
    const logs: string[] = [];
    let calls = 0;
    const sync = new LoginItemSync(
      {
        apply: () => {
          calls++;
          throw new Error('EACCES');
        },
      },
      (m) => logs.push(m),
    );
    sync.apply(true);
    sync.apply(true);
    expect(calls).toBe(2);
    expect(logs[0]).toMatch(/start at login could not be enabled: Error: EACCES/);
  });
});

describe('single instance', () => {
  it('a second launch quits at once and the first one is told to come forward', () => {
    const first = new FakeApp();
    let focused = 0;
    expect(claimSingleInstance(first, () => focused++)).toBe(true);
    const second = new FakeApp();
    second.hasLock = false;
    expect(claimSingleInstance(second, () => focused++)).toBe(false);
    expect(second.quitted).toBe(true);
    // Electron delivers the second launch to the first instance as `second-instance`.
    first.emit('second-instance');
    expect(focused).toBe(1);
    expect(first.quitted).toBe(false);
  });
});

describe('quit', () => {
  it('holds the quit until shutdown has finished, then exits 0 — once, however often quit is asked', async () => {
    const app = new FakeApp();
    let finish!: () => void;
    let shutdowns = 0;
    const quitter = new QuitCoordinator({
      app,
      log: () => undefined,
      shutdown: () => {
        shutdowns++;
        return new Promise<void>((resolve) => (finish = resolve));
      },
    });
    quitter.quit();
    quitter.quit();
    expect(app.quitted).toBe(false);
    await new Promise((r) => setTimeout(r, 20));
    expect(app.exitCode).toBeNull();
    expect(shutdowns).toBe(1);
    finish();
    await waitForAssertion(() => expect(app.exitCode).toBe(0));
  });

  it('SIGTERM, SIGINT and SIGHUP (terminal closed) quit through the same orderly shutdown', async () => {
    for (const signal of ['SIGTERM', 'SIGINT', 'SIGHUP'] as const) {
      const app = new FakeApp();
      let shutdowns = 0;
      const quitter = new QuitCoordinator({
        app,
        log: () => undefined,
        shutdown: async () => void shutdowns++,
      });
      const signals = new EventEmitter();
      quitter.quitOnSignals(signals);
      signals.emit(signal);
      await waitForAssertion(() => expect(app.exitCode).toBe(0));
      expect(shutdowns).toBe(1);
    }
  });

  it('exits 1 after the timeout when shutdown hangs, and when it fails', async () => {
    const logs: string[] = [];
    const hung = new FakeApp();
    new QuitCoordinator({
      app: hung,
      log: (m) => logs.push(m),
      timeoutMs: 50,
      shutdown: () => new Promise(() => undefined),
    });
    hung.quit();
    await waitForAssertion(() => expect(hung.exitCode).toBe(1));
    expect(logs[0]).toMatch(/did not finish within 50 ms/);

    const broken = new FakeApp();
    new QuitCoordinator({
      app: broken,
      log: (m) => logs.push(m),
      shutdown: async () => Promise.reject(new Error('boom')),
    });
    broken.quit();
    await waitForAssertion(() => expect(broken.exitCode).toBe(1));
    expect(logs[1]).toMatch(/shutdown failed: boom/);
  });
});
